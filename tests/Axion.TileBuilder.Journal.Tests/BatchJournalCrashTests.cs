using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal.Tests;

/// <summary>
/// What a killed process leaves behind: committed transactions survive, an open transaction whose pages
/// already reached the WAL is discarded, and rows caught running are claimable again.
/// </summary>
public sealed class BatchJournalCrashTests : IDisposable
{
    /// <summary>Dirties every row in one transaction big enough to spill into the WAL, then creates the marker argv[2] and waits to be killed.</summary>
    private const string DirtyWriter = """
        import sqlite3, sys, time
        db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
        db.execute("PRAGMA cache_size = 2")
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE rows SET state = 'done', input_json = hex(zeroblob(50000)), files_json = '[\"ghost.tif\"]', tiles_written = 1")
        open(sys.argv[2], "w").close()
        time.sleep(120)
        """;

    private const string WalSuffix = "-wal";

    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CopyTakenMidWal_WithAnOpenTransaction_OpensAtTheLastCommittedState()
    {
        var outDir = _dir.Sub("out");
        var copyDir = _dir.Sub("copy");
        Directory.CreateDirectory(copyDir);
        var dbPath = Path.Combine(outDir, BatchJournal.FileName);

        using var journal = JournalFixtures.Seeded(outDir, 6);
        journal.MarkRunning("loc-000");
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        journal.MarkRunning("loc-001"); // caught mid-way
        journal.MarkRunning("loc-002");
        journal.MarkFailed("loc-002", FailureKind.Transient, "http_503", "503");
        var expected = journal.List();

        var walCommitted = new FileInfo(dbPath + WalSuffix).Length;
        Assert.True(walCommitted > 0, "committed changes should still be in the WAL (not checkpointed)");

        using (var raw = JournalFixtures.Raw(outDir))
        {
            JournalFixtures.Execute(raw, "PRAGMA cache_size = 2;");
            using var tx = raw.BeginTransaction();
            JournalFixtures.Execute(
                raw,
                "UPDATE rows SET state = 'done', input_json = hex(zeroblob(50000)), files_json = '[\"ghost.tif\"]', tiles_written = 1, finished_at = updated_at;",
                tx);
            var walDirty = new FileInfo(dbPath + WalSuffix).Length;
            Assert.True(walDirty > walCommitted, $"the open transaction should have spilled pages into the WAL ({walDirty} <= {walCommitted} bytes)");

            // The files exactly as a kill -9 at this instant would leave them (the -shm index is rebuilt on open).
            File.Copy(dbPath, Path.Combine(copyDir, BatchJournal.FileName));
            File.Copy(dbPath + WalSuffix, Path.Combine(copyDir, BatchJournal.FileName + WalSuffix));

            // Abandoned: disposed without commit.
        }

        using var copy = BatchJournal.Open(copyDir, create: false);
        Assert.Empty(copy.CheckIntegrity());
        var rows = copy.List();
        Assert.Equal(expected.Select(r => (r.RowId, r.State, r.InputJson, r.Attempts)), rows.Select(r => (r.RowId, r.State, r.InputJson, r.Attempts)));
        Assert.Equal(
            [RowState.Done, RowState.Running, RowState.Failed, RowState.Pending, RowState.Pending, RowState.Pending],
            rows.Select(r => r.State));
        Assert.Equal(expected[0].Outcome!.Files, rows[0].Outcome!.Files);

        // The original, after the rollback, is unchanged as well.
        Assert.Equal(expected.Select(r => (r.RowId, r.State)), journal.List().Select(r => (r.RowId, r.State)));
        Assert.Empty(journal.CheckIntegrity());
    }

    [Fact]
    public void AfterReopen_RunningRowsAreClaimableAgain_DoneRowsAreNot()
    {
        using (var journal = JournalFixtures.Seeded(_dir.Path, 4))
        {
            journal.MarkRunning("loc-000");
            journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
            journal.MarkRunning("loc-001");
            journal.MarkSkipped("loc-003", "outside_subset");
        }

        using var resumed = BatchJournal.Open(_dir.Path, create: false);
        var claimable = resumed.Claimable(retryFailed: true, retryPermanent: true);
        Assert.Equal(["loc-001", "loc-002"], claimable.Select(r => r.RowId));
        Assert.Equal(RowState.Running, claimable[0].State);

        resumed.MarkRunning("loc-001"); // re-claim after the crash
        Assert.Equal(2, resumed.Get("loc-001")!.Attempts);
        resumed.MarkDone("loc-001", JournalFixtures.Outcome("loc-001"));
        Assert.Throws<JournalStateException>(() => resumed.MarkRunning("loc-000"));
        Assert.Equal(["loc-002"], resumed.Claimable(false, false).Select(r => r.RowId));
    }

    [Fact]
    public void ChildProcessKilledInsideAWriteTransaction_LeavesTheCommittedState()
    {
        IReadOnlyList<JournalRow> expected;
        using (var journal = JournalFixtures.Seeded(_dir.Path, 5))
        {
            journal.MarkRunning("loc-000");
            journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
            journal.MarkRunning("loc-001");
            expected = journal.List();
        }

        var wal = Path.Combine(_dir.Path, BatchJournal.FileName + WalSuffix);
        using (var child = ChildProcess.StartPython(DirtyWriter, Path.Combine(_dir.Path, BatchJournal.FileName), _dir.Sub("dirty")))
        {
            child.WaitForMarker(_dir.Sub("dirty"));
            Assert.True(new FileInfo(wal).Length > 0, "the child's uncommitted pages should be in the WAL");
            child.KillHard();
        }

        using var reopened = BatchJournal.Open(_dir.Path, create: false);
        Assert.Empty(reopened.CheckIntegrity());
        Assert.Equal(
            expected.Select(r => (r.RowId, r.State, r.InputJson, r.Attempts)),
            reopened.List().Select(r => (r.RowId, r.State, r.InputJson, r.Attempts)));
        Assert.Equal(["loc-001", "loc-002", "loc-003", "loc-004"], reopened.Claimable(false, false).Select(r => r.RowId));

        // And the journal keeps working.
        reopened.MarkRunning("loc-001");
        reopened.MarkDone("loc-001", JournalFixtures.Outcome("loc-001"));
        Assert.Equal(2, reopened.Summarize().Count(RowState.Done));
    }
}
