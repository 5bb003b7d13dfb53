using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal.Tests;

public sealed class BatchJournalLockTests : IDisposable
{
    /// <summary>Takes the flock on argv[1], then creates the marker argv[2] and waits to be killed.</summary>
    private const string FlockHolder = """
        import fcntl, sys, time
        f = open(sys.argv[1], "a+")
        fcntl.flock(f, fcntl.LOCK_EX)
        open(sys.argv[2], "w").close()
        time.sleep(120)
        """;

    /// <summary>Tries the flock on argv[1] without waiting; writes "busy" or "free" to argv[2] + ".tmp", then renames it to argv[2].</summary>
    private const string FlockProbe = """
        import fcntl, os, sys
        f = open(sys.argv[1], "a+")
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            answer = "free"
        except BlockingIOError:
            answer = "busy"
        with open(sys.argv[2] + ".tmp", "w") as out:
            out.write(answer)
        os.rename(sys.argv[2] + ".tmp", sys.argv[2])
        """;

    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reopen_AfterDispose_SeesTheSameState()
    {
        using (var journal = JournalFixtures.Seeded(_dir.Path, 4))
        {
            journal.MarkRunning("loc-000");
            journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
            journal.MarkRunning("loc-001");
            journal.MarkFailed("loc-001", FailureKind.Transient, "http_429", "throttled");
            journal.MarkSkipped("loc-002", "outside_subset");
        }

        // A clean close checkpoints the WAL into the main file and removes it.
        Assert.False(File.Exists(Path.Combine(_dir.Path, "journal.db-wal")));

        using var reopened = BatchJournal.Open(_dir.Path, create: false);
        Assert.Equal("locations.csv", reopened.Run!.CsvPath);
        Assert.Equal(
            [RowState.Done, RowState.Failed, RowState.Skipped, RowState.Pending],
            reopened.List().Select(r => r.State));
        Assert.Equal(["loc-000/tile_0.tif", "loc-000/tile_1.tif"], reopened.Get("loc-000")!.Outcome!.Files);
        Assert.Equal("http_429", reopened.Get("loc-001")!.Reason);
        Assert.True(reopened.Get("loc-001")!.Retryable);
        Assert.Empty(reopened.CheckIntegrity());
    }

    [Fact]
    public void Open_WhileAnotherJournalHoldsTheOutDir_ThrowsLockedWithClearMessage()
    {
        using var holder = JournalFixtures.Seeded(_dir.Path, 1);

        var ex = Assert.Throws<JournalLockedException>(() => BatchJournal.Open(_dir.Path, create: false));
        Assert.Contains("another axion-tiles process is using " + holder.OutDir, ex.Message);
        Assert.Contains("(lock file " + holder.LockPath, ex.Message);
        Assert.Equal(FailureKind.Environment, ex.Kind);
        Assert.Equal(holder.LockPath, ex.LockPath);
        Assert.Throws<JournalLockedException>(() => BatchJournal.Open(_dir.Path, create: true));

        // The holder is unaffected, and the lock goes with it.
        holder.MarkRunning("loc-000");
        holder.Dispose();
        using var next = BatchJournal.Open(_dir.Path, create: false);
        Assert.Equal(RowState.Running, next.Get("loc-000")!.State);
    }

    [Fact]
    public void Lock_IsSeenByOtherProcesses_AndIsReleasedWhenTheHolderIsKilled()
    {
        var lockPath = Path.Combine(_dir.Path, BatchJournal.LockFileName);
        using (BatchJournal.Open(_dir.Path, create: true))
        {
            Assert.Equal("busy", Probe(lockPath, _dir.Sub("probe1")));
        }

        Assert.Equal("free", Probe(lockPath, _dir.Sub("probe2")));

        using var holder = ChildProcess.StartPython(FlockHolder, lockPath, _dir.Sub("held"));
        holder.WaitForMarker(_dir.Sub("held"));
        var ex = Assert.Throws<JournalLockedException>(() => BatchJournal.Open(_dir.Path, create: false));
        Assert.Contains(lockPath, ex.Message);

        holder.KillHard();
        using var reopened = BatchJournal.Open(_dir.Path, create: false);
        Assert.Null(reopened.Run);
    }

    private static string Probe(string lockPath, string answerPath)
    {
        using var probe = ChildProcess.StartPython(FlockProbe, lockPath, answerPath);
        probe.WaitForExit();
        return File.ReadAllText(answerPath);
    }

    [Fact]
    public void Open_WithoutCreate_WhenThereIsNoJournal_Throws()
    {
        var missing = _dir.Sub("never-built");
        var ex = Assert.Throws<JournalStorageException>(() => BatchJournal.Open(missing, create: false));
        Assert.Contains("run build first", ex.Message);
        Assert.Contains(missing, ex.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Open_JournalFromNewerSchema_IsRefused_AndReleasesTheLock()
    {
        using (JournalFixtures.Seeded(_dir.Path, 1))
        {
        }

        using (var raw = JournalFixtures.Raw(_dir.Path))
        {
            JournalFixtures.Execute(raw, "PRAGMA user_version = 99;");
        }

        var ex = Assert.Throws<JournalStorageException>(() => BatchJournal.Open(_dir.Path, create: false));
        Assert.Contains("schema version 99", ex.Message);
        // Not a JournalLockedException: the failed open let go of the lock.
        Assert.Throws<JournalStorageException>(() => BatchJournal.Open(_dir.Path, create: false));
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_IsRefused()
    {
        File.WriteAllText(Path.Combine(_dir.Path, BatchJournal.FileName), "this is not sqlite, just text that is long enough to have a header........");
        var ex = Assert.Throws<JournalStorageException>(() => BatchJournal.Open(_dir.Path, create: false));
        Assert.Equal(26, ex.SqliteErrorCode); // SQLITE_NOTADB
        Assert.Contains(BatchJournal.FileName, ex.Message);
    }

    [Fact]
    public void Open_ForeignSqliteFile_IsRefused()
    {
        using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir.Path, BatchJournal.FileName)};Pooling=False"))
        {
            raw.Open();
            JournalFixtures.Execute(raw, "CREATE TABLE other (x INTEGER);");
        }

        var ex = Assert.Throws<JournalStorageException>(() => BatchJournal.Open(_dir.Path, create: true));
        Assert.Contains("not an axion-tiles journal", ex.Message);
    }
}
