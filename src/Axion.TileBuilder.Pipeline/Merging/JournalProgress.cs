using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Pipeline.Merging;

/// <summary>Where one journal of a merged dataset stands.</summary>
/// <param name="Name">The journal relative to the dataset folder: <c>journal.db</c> or <c>_journal/shard-K-of-N.db</c>.</param>
/// <param name="ShardIndex">The shard's K; null for the unsharded <c>journal.db</c>.</param>
/// <param name="Summary">Rows by state, tiles, bytes and time of this journal.</param>
public sealed record JournalProgress(string Name, int? ShardIndex, JournalSummary Summary)
{
    /// <summary>True while rows are pending or running: the shard is still at work, or stopped before it finished.</summary>
    public bool Unfinished => Summary.Count(RowState.Pending) + Summary.Count(RowState.Running) > 0;
}
