namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>The sampled value distribution of one band over the tiles read.</summary>
public sealed record BandHistogram
{
    /// <summary>The band and the range the bins span.</summary>
    public required HistogramRange Range { get; init; }

    /// <summary>Counts per bin, equal widths over [<see cref="HistogramRange.Min"/>, <see cref="HistogramRange.Max"/>].</summary>
    public required IReadOnlyList<long> Bins { get; init; }

    /// <summary>Sampled pixels (all, NaN included).</summary>
    public long Sampled { get; init; }

    /// <summary>Sampled pixels that were NaN (no data or masked).</summary>
    public long NaN { get; init; }

    /// <summary>Finite samples below the range.</summary>
    public long Below { get; init; }

    /// <summary>Finite samples above the range.</summary>
    public long Above { get; init; }

    /// <summary>Mean of the finite samples; null when there are none.</summary>
    public double? Mean { get; init; }

    /// <summary>Finite samples (in range or not).</summary>
    public long Finite => Sampled - NaN;
}
