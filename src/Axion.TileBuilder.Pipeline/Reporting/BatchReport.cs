using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>Everything the HTML report shows, gathered from the journal and the tiles of one out dir.</summary>
public sealed record BatchReport
{
    /// <summary>The dataset: the out dir's full path, or <c>az://CONTAINER/PREFIX</c> / <c>s3://BUCKET/PREFIX</c>.</summary>
    public required string OutDir { get; init; }

    /// <summary>When the report was made (UTC).</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>
    /// True when <see cref="GeneratedAt"/> is the journals' last change rather than the clock (the report <c>merge</c>
    /// writes, so that merging the same journals twice gives the same page).
    /// </summary>
    public bool AsOfLastChange { get; init; }

    /// <summary>The recorded run; null when the batch stopped before saving its settings.</summary>
    public RunInfo? Run { get; init; }

    /// <summary>Totals by state, failures, tiles, bytes and time.</summary>
    public required JournalSummary Summary { get; init; }

    /// <summary>Locations in CSV line order, at most <see cref="ReportOptions.MaxRows"/>.</summary>
    public required IReadOnlyList<LocationEntry> Locations { get; init; }

    /// <summary>Locations not listed because of <see cref="ReportOptions.MaxRows"/>.</summary>
    public int LocationsOmitted { get; init; }

    /// <summary>The missing timesteps of the done rows by reason; null for a batch of one timestep.</summary>
    public TimestepCounts? Timesteps { get; init; }

    /// <summary>Per-band histograms over the sampled tiles.</summary>
    public required IReadOnlyList<BandHistogram> Histograms { get; init; }

    /// <summary>Tiles the done rows list.</summary>
    public int TilesListed { get; init; }

    /// <summary>Tiles read for the histograms.</summary>
    public int TilesSampled { get; init; }

    /// <summary>Tiles that could not be read for the histograms (missing or corrupt).</summary>
    public int TilesUnreadable { get; init; }

    /// <summary>The options the report was made with.</summary>
    public ReportOptions Options { get; init; } = new();
}
