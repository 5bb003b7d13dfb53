namespace Axion.TileBuilder.Journal;

/// <summary>One journal of a dataset folder, as <see cref="JournalLayout.Find"/> lists it.</summary>
/// <param name="Path">Full path of the SQLite file.</param>
/// <param name="Name">Path relative to the dataset folder with <c>/</c> separators: <c>journal.db</c> or <c>_journal/shard-3-of-8.db</c>.</param>
/// <param name="ShardIndex">The shard's index K (0-based); null for the unsharded <c>journal.db</c>.</param>
/// <param name="ShardCount">The batch's shard count N; null for the unsharded <c>journal.db</c>.</param>
public sealed record JournalFile(string Path, string Name, int? ShardIndex, int? ShardCount)
{
    /// <summary>True for a shard's journal (<c>_journal/shard-K-of-N.db</c>).</summary>
    public bool IsShard => ShardIndex is not null;
}
