using System.Security.Cryptography;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal.Tests;

/// <summary>
/// <see cref="BatchJournal.OpenReadOnly(string)"/>: what <c>status</c> uses to read a journal while a batch holds it.
/// </summary>
public sealed class BatchJournalReadOnlyTests : IDisposable
{
    /// <summary>
    /// A writer in another process, as a running <c>build</c> is: takes the flock on argv[1], opens the journal argv[2]
    /// in WAL mode, commits 'loc-000' as running, then leaves an UPDATE of every row to 'done' uncommitted, creates the
    /// marker argv[3] and waits to be killed.
    /// </summary>
    private const string LiveWriter = """
        import fcntl, sqlite3, sys, time
        lock = open(sys.argv[1], "a+")
        fcntl.flock(lock, fcntl.LOCK_EX)
        db = sqlite3.connect(sys.argv[2], isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("UPDATE rows SET state = 'running', attempts = 1, started_at = updated_at WHERE row_id = 'loc-000'")
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE rows SET state = 'done', files_json = '[\"x\"]', tiles_written = 1, finished_at = updated_at")
        open(sys.argv[3], "w").close()
        time.sleep(120)
        """;

    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadOnly_WhileAnotherProcessWrites_SeesTheLastCommittedState_WithoutWaiting()
    {
        using (JournalFixtures.Seeded(_dir.Path, 3))
        {
        }

        var marker = _dir.Sub("writing");
        using var writer = ChildProcess.StartPython(LiveWriter, Path.Combine(_dir.Path, BatchJournal.LockFileName), Path.Combine(_dir.Path, BatchJournal.FileName), marker);
        writer.WaitForMarker(marker);
        Assert.True(BatchJournal.IsInUse(_dir.Path));
        Assert.Throws<JournalLockedException>(() => BatchJournal.Open(_dir.Path, create: false));

        using var reader = BatchJournal.OpenReadOnly(_dir.Path);
        Assert.True(reader.IsReadOnly);
        Assert.True(reader.WriterActive);
        Assert.Equal("locations.csv", reader.Run!.CsvPath);
        var summary = reader.Summarize();
        Assert.Equal(3, summary.RowsTotal);
        Assert.Equal(1, summary.Count(RowState.Running));
        Assert.Equal(2, summary.Count(RowState.Pending));
        Assert.Equal(0, summary.Count(RowState.Done)); // the writer's open transaction is not seen
        Assert.Equal(RowState.Running, reader.Get("loc-000")!.State);

        writer.KillHard();
    }

    [Fact]
    public void ReadOnly_WhileAWriterInThisProcessHoldsTheOutDir_FollowsItsCommits_AndCannotWrite()
    {
        using var writer = JournalFixtures.Seeded(_dir.Path, 4);
        writer.MarkRunning("loc-000");
        var files = Listing();

        using var reader = BatchJournal.OpenReadOnly(_dir.Path);
        Assert.True(reader.WriterActive);
        Assert.Equal(1, reader.Summarize().Count(RowState.Running));

        writer.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        writer.MarkRunning("loc-001");
        writer.MarkFailed("loc-001", FailureKind.Transient, "http_503", "503");
        var summary = reader.Summarize();
        Assert.Equal(1, summary.Count(RowState.Done));
        Assert.Equal(1, summary.Count(RowState.Failed));
        Assert.Equal(2, summary.Count(RowState.Pending));
        Assert.Equal(2, summary.TilesWritten);
        using (var second = BatchJournal.OpenReadOnly(_dir.Path))
        {
            Assert.Equal(writer.Run!.UpdatedAt, second.Run!.UpdatedAt);
        }

        var ex = Assert.Throws<JournalStorageException>(() => reader.MarkRunning("loc-002"));
        Assert.Equal(8, ex.SqliteErrorCode); // SQLITE_READONLY
        Assert.Equal(RowState.Pending, writer.Get("loc-002")!.State);
        Assert.Equal(files, Listing());
    }

    [Fact]
    public void ReadOnly_WhenNoBatchRuns_CreatesNoFile_AndLeavesTheJournalByteForByte()
    {
        using (var journal = JournalFixtures.Seeded(_dir.Path, 2))
        {
            journal.MarkRunning("loc-000");
            journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        }

        File.Delete(Path.Combine(_dir.Path, BatchJournal.LockFileName));
        var files = Listing();
        var hash = Hash(Path.Combine(_dir.Path, BatchJournal.FileName));

        using (var reader = BatchJournal.OpenReadOnly(_dir.Path))
        {
            Assert.False(reader.WriterActive);
            Assert.False(BatchJournal.IsInUse(_dir.Path));
            Assert.Equal(1, reader.Summarize().Count(RowState.Done));
            Assert.Equal(2, reader.List().Count);
            Assert.Equal(files, Listing());
        }

        Assert.Equal(files, Listing());
        Assert.Equal(hash, Hash(Path.Combine(_dir.Path, BatchJournal.FileName)));
    }

    [Fact]
    public void ReadOnly_AfterAKilledWriter_ReadsTheCommittedRowsStillInTheWal()
    {
        var outDir = _dir.Sub("out");
        var copyDir = _dir.Sub("copy");
        Directory.CreateDirectory(copyDir);
        using var journal = JournalFixtures.Seeded(outDir, 3);
        journal.MarkRunning("loc-000");
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Copy(Path.Combine(outDir, BatchJournal.FileName + suffix), Path.Combine(copyDir, BatchJournal.FileName + suffix));
        }

        using var reader = BatchJournal.OpenReadOnly(copyDir);
        Assert.False(reader.WriterActive);
        Assert.Equal(1, reader.Summarize().Count(RowState.Done));
        Assert.Equal(RowState.Done, reader.Get("loc-000")!.State);
    }

    [Fact]
    public void ReadOnly_WithoutAJournal_SaysSo_AndCreatesNothing()
    {
        var missing = _dir.Sub("never-built");
        var ex = Assert.Throws<JournalStorageException>(() => BatchJournal.OpenReadOnly(missing));
        Assert.Contains("no journal in " + missing, ex.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void ReadOnly_JournalFromANewerSchema_IsRefused()
    {
        using (JournalFixtures.Seeded(_dir.Path, 1))
        {
        }

        using (var raw = JournalFixtures.Raw(_dir.Path))
        {
            JournalFixtures.Execute(raw, "PRAGMA user_version = 99;");
        }

        var ex = Assert.Throws<JournalStorageException>(() => BatchJournal.OpenReadOnly(_dir.Path));
        Assert.Contains("schema version 99", ex.Message);
    }

    private string[] Listing() =>
        Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
