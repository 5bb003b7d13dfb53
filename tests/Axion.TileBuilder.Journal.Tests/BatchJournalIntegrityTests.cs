using Axion.TileBuilder.Errors;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal.Tests;

public sealed class BatchJournalIntegrityTests : IDisposable
{
    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private BatchJournal GoodJournal()
    {
        var journal = JournalFixtures.Seeded(_dir.Path, 5);
        journal.AddRows([JournalRowSeed.Rejected("bad", 30, "{}", "no id")]);
        journal.MarkRunning("loc-000");
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        journal.MarkRunning("loc-001");
        journal.MarkFailed("loc-001", FailureKind.Transient, "http_503", "503");
        journal.MarkSkipped("loc-002", "outside_subset");
        journal.MarkRunning("loc-003");
        return journal;
    }

    [Fact]
    public void GoodJournal_HasNoProblems()
    {
        using var journal = GoodJournal();
        Assert.Empty(journal.CheckIntegrity());
    }

    [Theory]
    [InlineData("NULL")]
    [InlineData("'[]'")]
    [InlineData("'not json'")]
    public void DoneRowWithoutFiles_IsReported(string filesSql)
    {
        using var journal = GoodJournal();
        using (var raw = JournalFixtures.Raw(_dir.Path))
        {
            Assert.Equal(1, JournalFixtures.Execute(raw, $"UPDATE rows SET files_json = {filesSql} WHERE row_id = 'loc-000';"));
        }

        var problem = Assert.Single(journal.CheckIntegrity());
        Assert.StartsWith("row 'loc-000' (line 2) is done but lists no tile files", problem);
    }

    [Fact]
    public void UnknownState_IsRejectedBySchema_AndReportedWhenForcedIn()
    {
        using var journal = GoodJournal();
        using (var raw = JournalFixtures.Raw(_dir.Path))
        {
            var ex = Assert.Throws<SqliteException>(() => JournalFixtures.Execute(raw, "UPDATE rows SET state = 'paused' WHERE row_id = 'loc-004';"));
            Assert.Contains("CHECK constraint failed", ex.Message);

            JournalFixtures.Execute(raw, "PRAGMA ignore_check_constraints = ON;");
            JournalFixtures.Execute(raw, "UPDATE rows SET state = 'paused' WHERE row_id = 'loc-004';");
        }

        var problems = journal.CheckIntegrity();
        Assert.Contains("row 'loc-004' (line 6) has unknown state 'paused'", problems);
        // SQLite's own integrity_check re-checks CHECK constraints as well.
        Assert.Contains(problems, p => p.StartsWith("sqlite integrity_check: CHECK constraint failed", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);
        var read = Assert.Throws<JournalStorageException>(() => journal.List());
        Assert.Contains("unknown state 'paused'", read.Message);
        Assert.Throws<JournalStateException>(() => journal.MarkRunning("loc-004"));
        Assert.Equal(5, journal.Summarize().RowsTotal - 1); // still counted in the total
    }

    [Fact]
    public void InconsistentFailureAndMissingRun_AreReported()
    {
        using var journal = GoodJournal();
        using (var raw = JournalFixtures.Raw(_dir.Path))
        {
            JournalFixtures.Execute(raw, "UPDATE rows SET retryable = 0 WHERE row_id = 'loc-001';");
            JournalFixtures.Execute(raw, "UPDATE rows SET failure_kind = 'meh' WHERE row_id = 'bad';");
            JournalFixtures.Execute(raw, "DELETE FROM run;");
        }

        var problems = journal.CheckIntegrity();
        Assert.Equal(3, problems.Count);
        Assert.Contains("row 'bad' (line 30) is failed with unknown failure kind 'meh'", problems);
        Assert.Contains("row 'loc-001' (line 3) is failed with retryable = 0, inconsistent with its failure kind", problems);
        Assert.Contains(problems, p => p.EndsWith("exists but the journal records no run", StringComparison.Ordinal));
    }
}
