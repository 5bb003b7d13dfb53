namespace Axion.TileBuilder.Journal.Tests;

/// <summary><see cref="BatchJournal.SnapshotTo"/>: the copy a shard with a remote <c>--out</c> uploads.</summary>
public sealed class BatchJournalSnapshotTests : IDisposable
{
    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_snapshot_of_a_live_journal_holds_every_committed_change_still_in_its_wal_and_opens_on_its_own()
    {
        var snapshot = _dir.Sub("copy") + ".db";
        using (var journal = JournalFixtures.Seeded(_dir.Path, 4))
        {
            journal.MarkRunning("loc-000");
            journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000", tiles: 3));
            journal.MarkRunning("loc-001");
            journal.MarkFailed("loc-001", Errors.FailureKind.Transient, "network", "connection reset");
            journal.MarkRunning("loc-002");

            // The changes are committed to the WAL and not yet checkpointed into journal.db: a byte copy of journal.db alone would miss them.
            Assert.True(new FileInfo(Path.Combine(_dir.Path, BatchJournal.FileName + "-wal")).Length > 0);
            journal.SnapshotTo(snapshot);

            journal.MarkRunning("loc-003"); // after the snapshot: not in it
        }

        Assert.False(File.Exists(snapshot + "-wal"));
        var copyDir = Path.GetDirectoryName(snapshot)!;
        using var copy = BatchJournal.OpenReadOnlyFile(copyDir, snapshot);
        Assert.Equal(RowState.Done, copy.Get("loc-000")!.State);
        Assert.Equal(3, copy.Get("loc-000")!.Outcome!.TilesWritten);
        Assert.Equal(RowState.Failed, copy.Get("loc-001")!.State);
        Assert.Equal("network", copy.Get("loc-001")!.Reason);
        Assert.Equal(RowState.Running, copy.Get("loc-002")!.State);
        Assert.Equal(RowState.Pending, copy.Get("loc-003")!.State);
        Assert.Equal("locations.csv", copy.Run!.CsvPath);
    }

    [Fact]
    public void A_snapshot_never_overwrites_an_existing_file()
    {
        var snapshot = _dir.Sub("exists") + ".db";
        File.WriteAllText(snapshot, "not a journal");
        using var journal = JournalFixtures.Seeded(_dir.Path, 1);

        Assert.Throws<JournalStorageException>(() => journal.SnapshotTo(snapshot));
        Assert.Equal("not a journal", File.ReadAllText(snapshot));
    }
}
