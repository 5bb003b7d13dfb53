namespace Axion.TileBuilder.Stac.Model;

/// <summary>One page of a search or items listing (a GeoJSON FeatureCollection).</summary>
public sealed record SearchPage
{
    /// <summary>Features that parsed, in page order.</summary>
    public IReadOnlyList<StacItem> Items { get; init; } = [];

    /// <summary>Features that did not parse (skipped).</summary>
    public IReadOnlyList<StacItemProblem> Problems { get; init; } = [];

    /// <summary>The <c>next</c> link, or null on the last page.</summary>
    public StacLink? Next { get; init; }

    /// <summary><c>numberMatched</c> (or <c>context.matched</c>) when the catalog reports it (Earth Search does, Planetary Computer does not).</summary>
    public long? NumberMatched { get; init; }

    /// <summary>Number of features in the page, parsed or not. Zero means the last page.</summary>
    public int FeatureCount => Items.Count + Problems.Count;
}
