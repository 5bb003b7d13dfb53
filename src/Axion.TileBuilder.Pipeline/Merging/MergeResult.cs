using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Pipeline.Reporting;

namespace Axion.TileBuilder.Pipeline.Merging;

/// <summary>What <see cref="DatasetMerger.Merge"/> read and wrote.</summary>
public sealed record MergeResult
{
    /// <summary>The dataset folder (full path).</summary>
    public required string OutDir { get; init; }

    /// <summary>The index files written and the number of tiles they list.</summary>
    public required TileIndexFiles Index { get; init; }

    /// <summary>The <c>report.html</c> written (path, what it shows, size).</summary>
    public required ReportResult Report { get; init; }

    /// <summary>Every journal read, <c>journal.db</c> first, then the shards by K.</summary>
    public required IReadOnlyList<JournalProgress> Journals { get; init; }

    /// <summary>The batch's shard count N, from the shard journals' names; null when only <c>journal.db</c> exists.</summary>
    public int? ShardCount { get; init; }

    /// <summary>Shard indices K in 0..N-1 without a journal: not started (or their journal is not here yet).</summary>
    public required IReadOnlyList<int> NotStarted { get; init; }

    /// <summary>Done rows found in more than one journal; listed once (from the first journal in <see cref="Journals"/> order).</summary>
    public int DuplicateRows { get; init; }

    /// <summary>The totals over all journals.</summary>
    public required JournalSummary Total { get; init; }

    /// <summary>The journals with pending or running rows.</summary>
    public IEnumerable<JournalProgress> Unfinished => Journals.Where(j => j.Unfinished);

    /// <summary>True when every shard has a journal and no row is pending or running: the index is final.</summary>
    public bool Complete => NotStarted.Count == 0 && !Unfinished.Any();
}
