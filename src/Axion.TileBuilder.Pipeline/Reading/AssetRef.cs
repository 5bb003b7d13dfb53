namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>One asset to read: its unsigned href (already checked by the href policy) and the collection that signs it.</summary>
/// <param name="ItemId">STAC item id (for messages).</param>
/// <param name="AssetKey">Asset key in the item (for messages).</param>
/// <param name="Href">Absolute http(s) URL, unsigned.</param>
/// <param name="Collection">Collection id, the key of the signing token.</param>
public sealed record AssetRef(string ItemId, string AssetKey, Uri Href, string Collection);
