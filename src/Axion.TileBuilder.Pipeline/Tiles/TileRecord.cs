using System.Text.Json.Serialization;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>One written tile, as the index and the journal keep it.</summary>
public sealed record TileRecord
{
    public required string File { get; init; }

    public required string RowId { get; init; }

    public required int TileRow { get; init; }

    public required int TileCol { get; init; }

    public required int Epsg { get; init; }

    /// <summary>UTM bounds: minX, minY, maxX, maxY (metres).</summary>
    public required double[] Bounds { get; init; }

    /// <summary>Closed ring of [lon, lat] corners.</summary>
    public required double[][] FootprintLonLat { get; init; }

    public required string S2ItemId { get; init; }

    public required DateTimeOffset S2Datetime { get; init; }

    public required string S1ItemId { get; init; }

    public required DateTimeOffset S1Datetime { get; init; }

    /// <summary>S1 minus S2, days.</summary>
    public required double DeltaDays { get; init; }

    /// <summary>Fraction of the tile's pixels valid in all six bands.</summary>
    public required double ValidFraction { get; init; }

    /// <summary>Scene-level <c>eo:cloud_cover</c> of the S2 item, percent.</summary>
    public double? SceneCloudCover { get; init; }

    /// <summary>Fraction of the whole AOI that SCL marks clear in the chosen Sentinel-2 scene.</summary>
    public double AoiClearFraction { get; init; }

    public required string OffsetRule { get; init; }

    /// <summary>Every Sentinel-2 item read for the tile, merge order (several for a mosaic of neighbouring tiles of one pass); null in records written before mosaics.</summary>
    public string[]? S2ItemIds { get; init; }

    /// <summary>Every Sentinel-1 item read for the tile, merge order (several for frames of one pass); null in records written before mosaics.</summary>
    public string[]? S1ItemIds { get; init; }

    /// <summary>The tile's timestep (0 = oldest part of the date window) in a batch of several; null in a batch of one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Timestep { get; init; }

    /// <summary>First day of the tile's timestep; null in a batch of one timestep.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? TimestepStart { get; init; }

    /// <summary>Last day (inclusive) of the tile's timestep; null in a batch of one timestep.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? TimestepEnd { get; init; }
}
