using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>One location as the report lists it (from its journal row and, when done, its decisions).</summary>
public sealed record LocationEntry
{
    /// <summary>The location id.</summary>
    public required string RowId { get; init; }

    /// <summary>1-based CSV line.</summary>
    public int Line { get; init; }

    /// <summary>State in the journal.</summary>
    public RowState State { get; init; }

    /// <summary>Failure category (<c>transient</c>, ...) of a failed row; null otherwise.</summary>
    public string? FailureKind { get; init; }

    /// <summary>Failure or skip reason; null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>Failure message (redacted); null otherwise.</summary>
    public string? Message { get; init; }

    /// <summary>Chosen Sentinel-2 item id.</summary>
    public string? S2Item { get; init; }

    /// <summary>Acquisition time of the Sentinel-2 item (UTC).</summary>
    public DateTimeOffset? S2Datetime { get; init; }

    /// <summary>Scene-level cloud cover of the Sentinel-2 item, percent.</summary>
    public double? S2CloudCover { get; init; }

    /// <summary>Fraction of the AOI that SCL marks clear.</summary>
    public double? AoiClearFraction { get; init; }

    /// <summary>Paired Sentinel-1 item id.</summary>
    public string? S1Item { get; init; }

    /// <summary>Acquisition time of the Sentinel-1 item (UTC).</summary>
    public DateTimeOffset? S1Datetime { get; init; }

    /// <summary>Sentinel-1 minus Sentinel-2 time, days.</summary>
    public double? DeltaDays { get; init; }

    /// <summary>Tiles written (done rows).</summary>
    public int TilesWritten { get; init; }

    /// <summary>Tiles rejected (done rows).</summary>
    public int TilesRejected { get; init; }

    /// <summary>Bytes read for the row.</summary>
    public long BytesRead { get; init; }

    /// <summary>Processing time of the row, seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Claims of the row.</summary>
    public int Attempts { get; init; }

    /// <summary>The quicklook relative to the out dir (<c>quicklooks/&lt;id&gt;.png</c>) when the file exists; null otherwise.</summary>
    public string? Quicklook { get; init; }

    /// <summary>
    /// A done row of a batch of several timesteps: each timestep in k order, with its scene and quicklook or the reason it
    /// has none (the report's quicklook strip); null for a batch of one timestep and for rows that are not done.
    /// </summary>
    public IReadOnlyList<TimestepEntry>? Timesteps { get; init; }
}
