using Axion.TileBuilder.Errors;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal.Tests;

/// <summary>Rows the process died on: counted per run start, failed as crashed_repeatedly at the limit, claimed last.</summary>
public sealed class BatchJournalCrashCountTests : IDisposable
{
    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_running_row_found_at_start_counts_a_crash_and_goes_back_to_pending()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 3);
        journal.MarkRunning("loc-001");

        var recovered = journal.RecoverCrashedRows(maxCrashes: 3);

        var row = Assert.Single(recovered);
        Assert.Equal("loc-001", row.RowId);
        Assert.Equal(RowState.Pending, row.State);
        Assert.Equal(1, row.Crashes);
        Assert.Equal(1, journal.Get("loc-001")!.Crashes);
        Assert.Equal(0, journal.Get("loc-000")!.Crashes);
        Assert.Empty(journal.RecoverCrashedRows(maxCrashes: 3));
        Assert.Empty(journal.CheckIntegrity());
    }

    [Fact]
    public void A_row_that_crashed_the_limit_times_is_failed_as_crashed_repeatedly_and_not_claimed_again()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 2);
        for (var crash = 1; crash <= 3; crash++)
        {
            Assert.Contains(journal.Claimable(false, false), r => r.RowId == "loc-000");
            journal.MarkRunning("loc-000");
            var row = Assert.Single(journal.RecoverCrashedRows(maxCrashes: 3));
            Assert.Equal(crash, row.Crashes);
            Assert.Equal(crash < 3 ? RowState.Pending : RowState.Failed, row.State);
        }

        var failed = journal.Get("loc-000")!;
        Assert.Equal(RowState.Failed, failed.State);
        Assert.Equal(FailureKind.Permanent, failed.FailureKind);
        Assert.Equal(BatchJournal.CrashedRepeatedlyReason, failed.Reason);
        Assert.False(failed.Retryable);
        Assert.Contains("died 3 times", failed.Message, StringComparison.Ordinal);
        Assert.Equal(["loc-001"], journal.Claimable(retryFailed: true, retryPermanent: false).Select(r => r.RowId));
        Assert.Equal(["loc-001", "loc-000"], journal.Claimable(retryFailed: true, retryPermanent: true).Select(r => r.RowId));
        Assert.Empty(journal.CheckIntegrity());
    }

    [Fact]
    public void Rows_that_crashed_are_claimed_after_rows_that_never_did_in_pages_too()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 6);
        journal.MarkRunning("loc-000");
        journal.MarkRunning("loc-002");
        journal.RecoverCrashedRows(maxCrashes: 3);
        journal.MarkRunning("loc-002");
        journal.RecoverCrashedRows(maxCrashes: 3);

        string[] expected = ["loc-001", "loc-003", "loc-004", "loc-005", "loc-000", "loc-002"];
        Assert.Equal(expected, journal.Claimable(false, false).Select(r => r.RowId));
        Assert.Equal(expected, journal.EnumerateClaimable(false, false, pageSize: 2).Select(r => r.RowId));
    }

    [Fact]
    public void A_released_row_is_pending_again_without_a_crash()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 1);
        journal.MarkRunning("loc-000");

        journal.ReleaseRow("loc-000");

        var row = journal.Get("loc-000")!;
        Assert.Equal(RowState.Pending, row.State);
        Assert.Equal(0, row.Crashes);
        Assert.Equal(1, row.Attempts);
        Assert.Empty(journal.RecoverCrashedRows(maxCrashes: 1));
        Assert.Throws<JournalStateException>(() => journal.ReleaseRow("loc-000"));
    }

    [Fact]
    public void An_internal_failure_is_stored_and_read_back_as_internal()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 1);
        journal.MarkRunning("loc-000");

        journal.MarkFailed("loc-000", FailureKind.Internal, "internal", "boom");

        var row = journal.Get("loc-000")!;
        Assert.Equal(FailureKind.Internal, row.FailureKind);
        Assert.False(row.Retryable);
        Assert.Equal(1, journal.Summarize().FailuresByKind["internal"]);
        Assert.Empty(journal.CheckIntegrity());
    }

    [Fact]
    public void A_version_1_journal_is_migrated_with_zero_crashes_and_keeps_its_rows()
    {
        var dbPath = Path.Combine(_dir.Path, BatchJournal.FileName);
        using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString()))
        {
            raw.Open();
            JournalFixtures.Execute(raw, JournalSchema.V1);
            JournalFixtures.Execute(raw, "PRAGMA user_version = 1;");
            JournalFixtures.Execute(raw, """
                INSERT INTO run VALUES (1, '{}', 'l.csv', '0000000000000000000000000000000000000000000000000000000000000000', '0.1', 'local', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
                INSERT INTO rows (row_id, line, input_json, state, attempts, created_at, started_at, updated_at)
                VALUES ('A', 2, '{}', 'running', 1, '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
                """);
        }

        using var journal = BatchJournal.Open(_dir.Path, create: false);

        Assert.Equal((long)JournalSchema.Version, journal.ReadPragma("user_version"));
        var row = journal.Get("A")!;
        Assert.Equal(RowState.Running, row.State);
        Assert.Equal(0, row.Crashes);
        Assert.Equal(1, Assert.Single(journal.RecoverCrashedRows(maxCrashes: 3)).Crashes);
    }
}
