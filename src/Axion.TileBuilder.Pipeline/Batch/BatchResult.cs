using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>The end of a batch run.</summary>
/// <param name="Summary">The journal's summary after the run (all rows, not only this run's).</param>
/// <param name="RowsProcessed">Rows processed in this run.</param>
/// <param name="Elapsed">Wall time of this run.</param>
/// <param name="OutDir">Output folder.</param>
public sealed record BatchResult(JournalSummary Summary, int RowsProcessed, TimeSpan Elapsed, string OutDir)
{
    /// <summary>The shard this run built; null for an unsharded batch.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>True when every row is done (none pending, running or failed).</summary>
    public bool AllDone => Summary.Count(RowState.Done) + Summary.Count(RowState.Skipped) == Summary.RowsTotal;
}
