using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;

namespace Axion.TileBuilder.Output.Index;

/// <summary>One row of the tile index (<c>index.csv</c>) and one feature of <c>index.geojson</c>.</summary>
/// <param name="TileId">Tile identifier: the file name without extension, e.g. <c>tile_000042</c>.</param>
/// <param name="RowId">Id of the input location row the tile belongs to.</param>
/// <param name="TileRow">Row of the tile in its location's grid (0 = north).</param>
/// <param name="TileCol">Column of the tile in its location's grid (0 = west).</param>
/// <param name="File">File name relative to the output directory, e.g. <c>tile_000042.npz</c>.</param>
/// <param name="Epsg">EPSG code of the tile's UTM grid, e.g. 32633.</param>
/// <param name="Bounds">Tile extent in that grid, metres.</param>
/// <param name="Footprint">The tile outline in WGS 84 as a closed ring (first point repeated last, at least 4 points), longitude/latitude degrees.</param>
/// <param name="S2ItemId">STAC id of the Sentinel-2 item used.</param>
/// <param name="S2Datetime">Acquisition time of the Sentinel-2 item (stored as UTC).</param>
/// <param name="S1ItemId">STAC id of the paired Sentinel-1 item; null when none was used.</param>
/// <param name="S1Datetime">Acquisition time of the Sentinel-1 item; null when none.</param>
/// <param name="DeltaDays">S1 time minus S2 time, days (fractional); null when no S1 item.</param>
/// <param name="CloudFractionAoi">Fraction (0..1) of the tile's pixels flagged cloudy/invalid by SCL.</param>
/// <param name="ValidFraction">Fraction (0..1) of the tile's pixels with valid data in every band.</param>
/// <param name="OffsetRule">The Sentinel-2 radiometric offset rule applied, e.g. <c>baseline_ge_04_minus_1000</c>.</param>
public sealed record TileIndexEntry(
    string TileId,
    string RowId,
    int TileRow,
    int TileCol,
    string File,
    int Epsg,
    UtmBounds Bounds,
    IReadOnlyList<GeoPoint> Footprint,
    string S2ItemId,
    DateTimeOffset S2Datetime,
    string? S1ItemId,
    DateTimeOffset? S1Datetime,
    double? DeltaDays,
    double CloudFractionAoi,
    double ValidFraction,
    string OffsetRule)
{
    /// <summary>Every Sentinel-2 item read for the tile, merge order; null when only <see cref="S2ItemId"/> is known.</summary>
    public IReadOnlyList<string>? S2ItemIds { get; init; }

    /// <summary>Every Sentinel-1 item read for the tile, merge order; null when only <see cref="S1ItemId"/> is known.</summary>
    public IReadOnlyList<string>? S1ItemIds { get; init; }

    /// <summary>The tile's timestep (0 = oldest) in a batch of several; null in a batch of one.</summary>
    public int? Timestep { get; init; }

    /// <summary>First day of the tile's timestep; null in a batch of one.</summary>
    public DateOnly? TimestepStart { get; init; }

    /// <summary>Last day (inclusive) of the tile's timestep; null in a batch of one.</summary>
    public DateOnly? TimestepEnd { get; init; }

    /// <summary>Value equality, comparing <see cref="Footprint"/> point by point.</summary>
    public bool Equals(TileIndexEntry? other)
        => other is not null
            && TileId == other.TileId
            && RowId == other.RowId
            && TileRow == other.TileRow
            && TileCol == other.TileCol
            && File == other.File
            && Epsg == other.Epsg
            && Bounds == other.Bounds
            && Footprint.SequenceEqual(other.Footprint)
            && S2ItemId == other.S2ItemId
            && S2Datetime == other.S2Datetime
            && S1ItemId == other.S1ItemId
            && S1Datetime == other.S1Datetime
            && Nullable.Equals(DeltaDays, other.DeltaDays)
            && CloudFractionAoi.Equals(other.CloudFractionAoi)
            && ValidFraction.Equals(other.ValidFraction)
            && OffsetRule == other.OffsetRule
            && SameIds(S2ItemIds, other.S2ItemIds)
            && SameIds(S1ItemIds, other.S1ItemIds)
            && Timestep == other.Timestep
            && TimestepStart == other.TimestepStart
            && TimestepEnd == other.TimestepEnd;

    private static bool SameIds(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TileId, RowId, File, Epsg, Bounds, Footprint.Count, S2ItemId, S2Datetime);
}
