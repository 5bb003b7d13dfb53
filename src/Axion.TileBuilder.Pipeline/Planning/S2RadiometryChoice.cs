using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Radiometry;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The radiometric rule of a chosen Sentinel-2 item: what the collection flavour, the item and its red band say.</summary>
public static class S2RadiometryChoice
{
    /// <summary>
    /// The rule for <paramref name="item"/> read through <paramref name="source"/>, applied to every band read from it (all
    /// Sentinel-2 L2A reflectance bands share the quantification 10 000 and the -1000 offset of baseline 04.00): the
    /// item's baseline and flags, and the <c>raster:bands</c> scale and offset of its B04 asset, or, when the item has
    /// none, of the first band of <paramref name="bands"/> it has.
    /// </summary>
    public static S2RadiometryRule For(StacItem item, SourceProfile source, IEnumerable<string>? bands = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(source);
        var reference = new[] { "B04" }.Concat(bands ?? [])
            .Select(band => source.Assets.TryGetValue(band, out var key) && item.Assets.TryGetValue(key, out var asset) ? asset : null)
            .FirstOrDefault(asset => asset is not null)
            ?? throw new KeyNotFoundException($"item {item.Id} has none of the bands' assets the radiometric rule is read from (B04 or the selected bands)");
        return S2RadiometryResolver.Resolve(new S2RadiometryInput(
            FlavorOf(source.Flavor),
            item.ProcessingBaseline,
            item.BoaOffsetApplied,
            reference.Scale,
            reference.Offset,
            item.Datetime));
    }

    private static S2CollectionFlavor FlavorOf(string flavor) => flavor switch
    {
        "planetary-computer" => S2CollectionFlavor.PlanetaryComputer,
        "earth-search-l2a" => S2CollectionFlavor.EarthSearchL2A,
        "earth-search-c1" => S2CollectionFlavor.EarthSearchC1,
        _ => S2CollectionFlavor.Generic,
    };
}
