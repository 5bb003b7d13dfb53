namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The chosen Sentinel-2 scene.</summary>
public sealed record S2Choice
{
    /// <summary>STAC item id.</summary>
    public required string Id { get; init; }

    /// <summary>Acquisition time, UTC.</summary>
    public required DateTimeOffset Datetime { get; init; }

    /// <summary>Scene-level <c>eo:cloud_cover</c>, percent; null when the item has none.</summary>
    public double? CloudCover { get; init; }

    /// <summary><c>s2:processing_baseline</c>, e.g. <c>05.10</c>; null when absent.</summary>
    public string? ProcessingBaseline { get; init; }

    /// <summary>Fraction (0-1) of the AOI that SCL calls clear (the merged SCL of a mosaic).</summary>
    public required double AoiClearFraction { get; init; }

    /// <summary>
    /// Every item read, merge order: <see cref="Id"/> alone, or the items of one pass (neighbouring MGRS tiles) merged
    /// into a mosaic, the one covering most of the AOI first (= <see cref="Id"/>). Empty means <see cref="Id"/> alone.
    /// </summary>
    public IReadOnlyList<string> ItemIds { get; init; } = [];
}
