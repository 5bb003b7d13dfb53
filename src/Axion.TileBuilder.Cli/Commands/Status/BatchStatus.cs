using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Reporting;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Cli.Commands.Status;

/// <summary>
/// What <c>status</c> shows: one read of a batch's journal, taken without the out dir's lock, so it can be
/// taken while a <c>build</c> or <c>resume</c> runs (see <see cref="BatchJournal.OpenReadOnly"/>).
/// </summary>
/// <param name="OutDir">The batch's out dir (full path).</param>
/// <param name="Run">The recorded run; null when the journal exists but the batch has not recorded its settings yet.</param>
/// <param name="Summary">Counts and totals of the rows.</param>
/// <param name="FailedRows">The failed rows, at most the number asked for, by CSV line.</param>
/// <param name="BuildRunning">Whether a process held the out dir's lock at the time of the read (a batch is running).</param>
/// <param name="ReadAt">When the journal was read (UTC).</param>
internal sealed record BatchStatus(
    string OutDir,
    RunInfo? Run,
    JournalSummary Summary,
    IReadOnlyList<JournalRow> FailedRows,
    bool BuildRunning,
    DateTimeOffset ReadAt)
{
    /// <summary>The shard whose journal was read; null for an unsharded batch.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>
    /// The missing timesteps of the done rows by reason, for a batch of several <c>--timesteps</c>; null for a batch of one
    /// (whose rows are then not read).
    /// </summary>
    public TimestepCounts? Timesteps { get; init; }

    /// <summary>Rows that reached an end state (done, failed or skipped).</summary>
    public int Finished => Summary.Count(RowState.Done) + Summary.Count(RowState.Failed) + Summary.Count(RowState.Skipped);

    /// <summary>Last change of the run or of any of its rows (UTC); null before the run is recorded.</summary>
    public DateTimeOffset? UpdatedAt => Run?.UpdatedAt;

    /// <summary>
    /// Reads the journal of <paramref name="outDir"/> once, read-only. A batch of several timesteps also has its done rows'
    /// timesteps read (only those, extracted by SQLite: <see cref="TimestepCounts.Of(BatchJournal)"/>), to count the missing ones.
    /// </summary>
    /// <param name="outDir">The batch's out dir.</param>
    /// <param name="maxFailedRows">How many failed rows to keep (the first by CSV line).</param>
    /// <param name="clock">Source of <see cref="ReadAt"/>.</param>
    /// <param name="shard">The shard whose journal to read (<c>_journal/shard-K-of-N.db</c>); the unsharded <c>journal.db</c> when null.</param>
    public static BatchStatus Read(string outDir, int maxFailedRows, TimeProvider clock, ShardSpec? shard = null)
    {
        using var journal = shard is null
            ? BatchJournal.OpenReadOnly(outDir)
            : BatchJournal.OpenReadOnlyFile(outDir, ShardedBatchLayout.JournalPath(outDir, shard));
        var summary = journal.Summarize();
        var failed = maxFailedRows > 0 ? journal.List(RowState.Failed).Take(maxFailedRows).ToList() : [];
        var timesteps = TimestepCounts.Of(journal);
        return new BatchStatus(journal.OutDir, journal.Run, summary, failed, journal.WriterActive, clock.GetUtcNow()) { Shard = shard, Timesteps = timesteps };
    }
}
