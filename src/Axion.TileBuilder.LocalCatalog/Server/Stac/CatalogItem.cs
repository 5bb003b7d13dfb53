using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>One served STAC item: the search keys and the full JSON document.</summary>
/// <param name="Collection">Collection id.</param>
/// <param name="Id">Item id.</param>
/// <param name="Datetime">The item's <c>datetime</c>, UTC.</param>
/// <param name="Bbox">west, south, east, north, degrees.</param>
/// <param name="Footprint">Closed ring of [lon, lat] pairs.</param>
/// <param name="Document">The item as served (never mutated after construction; written, not re-parented).</param>
internal sealed record CatalogItem(
    string Collection,
    string Id,
    DateTimeOffset Datetime,
    IReadOnlyList<double> Bbox,
    IReadOnlyList<IReadOnlyList<double>> Footprint,
    JsonObject Document)
{
    /// <summary>The item's <c>properties</c> object.</summary>
    public JsonObject Properties => (JsonObject)Document["properties"]!;
}
