using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal.Tests;

public sealed class BatchJournalStateMachineTests : IDisposable
{
    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DoneRow_IsTerminal()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 1);
        journal.MarkRunning("loc-000");
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));

        var redo = Assert.Throws<JournalStateException>(() => journal.MarkRunning("loc-000"));
        Assert.Equal("loc-000", redo.RowId);
        Assert.Equal(RowState.Done, redo.From);
        Assert.Equal(RowState.Running, redo.To);
        Assert.Contains("row 'loc-000' cannot go from done to running", redo.Message);
        Assert.IsAssignableFrom<AxionException>(redo);

        Assert.Throws<JournalStateException>(() => journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000")));
        Assert.Throws<JournalStateException>(() => journal.MarkFailed("loc-000", FailureKind.Transient, "http_503", "x"));
        Assert.Throws<JournalStateException>(() => journal.MarkSkipped("loc-000", "late"));
        var row = journal.Get("loc-000")!;
        Assert.Equal(RowState.Done, row.State);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public void PendingRow_CannotFinishWithoutRunning_SkippedIsTerminal()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 2);
        var ex = Assert.Throws<JournalStateException>(() => journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000")));
        Assert.Equal(RowState.Pending, ex.From);
        Assert.Equal(RowState.Pending, journal.Get("loc-000")!.State);

        journal.MarkSkipped("loc-001", "duplicate_location");
        Assert.Throws<JournalStateException>(() => journal.MarkRunning("loc-001"));
        Assert.Throws<JournalStateException>(() => journal.MarkFailed("loc-001", FailureKind.Permanent, "", "x"));
        Assert.Equal("duplicate_location", journal.Get("loc-001")!.Reason);
    }

    [Fact]
    public void FailedRow_CannotFailTwice_OrRunWithoutAClaim()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 1);
        journal.MarkRunning("loc-000");
        journal.MarkFailed("loc-000", FailureKind.Transient, "http_503", "503");

        Assert.Throws<JournalStateException>(() => journal.MarkFailed("loc-000", FailureKind.Permanent, "", "again"));
        var ex = Assert.Throws<JournalStateException>(() => journal.MarkRunning("loc-000"));
        Assert.Contains("Claimable", ex.Message);
        Assert.Equal(RowState.Failed, journal.Get("loc-000")!.State);
    }

    [Fact]
    public void UnknownRow_Throws()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 1);
        var ex = Assert.Throws<JournalStateException>(() => journal.MarkRunning("nope"));
        Assert.Equal("row 'nope' is not in the journal", ex.Message);
        Assert.Null(ex.From);
        Assert.Throws<JournalStateException>(() => journal.MarkSkipped("nope", "x"));
    }

    [Fact]
    public void AddRows_IsIdempotent_ExistingRowsKeepTheirState()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 3);
        journal.MarkRunning("loc-000");
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        journal.MarkRunning("loc-001");
        var before = journal.List();

        var added = journal.AddRows(JournalFixtures.Seeds(5).Select(s => s with { InputJson = """{"changed":true}""" }));

        Assert.Equal(2, added);
        var after = journal.List();
        Assert.Equal(5, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].State, after[i].State);
            Assert.Equal(before[i].InputJson, after[i].InputJson);
            Assert.Equal(before[i].Attempts, after[i].Attempts);
        }

        Assert.Equal(RowState.Done, journal.Get("loc-000")!.State);
        Assert.Equal("""{"changed":true}""", journal.Get("loc-004")!.InputJson);
        Assert.Equal(0, journal.AddRows(JournalFixtures.Seeds(5)));
    }

    [Fact]
    public void Claimable_RetryFlags_SelectTheRightFailures()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 6);
        journal.AddRows([JournalRowSeed.Rejected("bad", 1, """{"raw":"x"}""", "missing lat")]);
        journal.MarkRunning("loc-000");
        journal.MarkFailed("loc-000", FailureKind.Transient, "http_503", "503");
        journal.MarkRunning("loc-001");
        journal.MarkFailed("loc-001", FailureKind.Permanent, "http_404", "404");
        journal.MarkRunning("loc-002");
        journal.MarkFailed("loc-002", FailureKind.NoData, "", "no scene");
        journal.MarkRunning("loc-003");
        journal.MarkFailed("loc-003", FailureKind.BadInput, "", "bbox outside the world");
        journal.MarkRunning("loc-004");
        journal.MarkDone("loc-004", JournalFixtures.Outcome("loc-004"));
        // loc-005 stays pending.

        Assert.Equal(["loc-005"], journal.Claimable(false, false).Select(r => r.RowId));
        Assert.Equal(["loc-000", "loc-005"], journal.Claimable(retryFailed: true, retryPermanent: false).Select(r => r.RowId));
        Assert.Equal(["loc-000", "loc-001", "loc-002", "loc-005"], journal.Claimable(retryFailed: false, retryPermanent: true).Select(r => r.RowId));
        Assert.Equal(["loc-000", "loc-001", "loc-002", "loc-005"], journal.Claimable(true, true).Select(r => r.RowId));

        // Rejected by the CSV parser: stored failed/bad_input, never claimable, never runnable.
        var bad = journal.Get("bad")!;
        Assert.Equal(RowState.Failed, bad.State);
        Assert.Equal(FailureKind.BadInput, bad.FailureKind);
        Assert.Equal("missing lat", bad.Message);
        Assert.False(bad.Retryable);
        Assert.Throws<JournalStateException>(() => journal.MarkRunning("bad"));
        Assert.Throws<JournalStateException>(() => journal.MarkRunning("loc-003"));
    }

    [Fact]
    public void EnumerateClaimable_HandsOutEachClaimableRowOnce_PageByPage_WhileRowsMoveOn()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 11);
        journal.MarkRunning("loc-001");
        journal.MarkFailed("loc-001", FailureKind.Transient, "http_503", "503");
        journal.MarkRunning("loc-002");
        journal.MarkDone("loc-002", JournalFixtures.Outcome("loc-002"));
        journal.MarkRunning("loc-007");
        journal.MarkFailed("loc-007", FailureKind.Permanent, "http_404", "404");
        Assert.Equal(9, journal.CountClaimable(retryFailed: true, retryPermanent: false));

        var seen = new List<string>();
        foreach (var row in journal.EnumerateClaimable(retryFailed: true, retryPermanent: false, pageSize: 3))
        {
            seen.Add(row.RowId);
            journal.MarkRunning(row.RowId); // a failed row handed out by this enumeration may run again
            if (seen.Count % 2 == 0)
            {
                journal.MarkFailed(row.RowId, FailureKind.Transient, "http_503", "503"); // retryable, but behind the cursor
            }
            else
            {
                journal.MarkDone(row.RowId, JournalFixtures.Outcome(row.RowId));
            }
        }

        Assert.Equal(["loc-000", "loc-001", "loc-003", "loc-004", "loc-005", "loc-006", "loc-008", "loc-009", "loc-010"], seen);
        Assert.Throws<JournalStateException>(() => journal.MarkRunning("loc-007")); // permanent: never handed out
        Assert.Equal(4, journal.CountClaimable(retryFailed: true, retryPermanent: false)); // the rows failed above
        Assert.Equal(0, journal.CountClaimable(retryFailed: false, retryPermanent: false));
        Assert.Empty(journal.EnumerateClaimable(false, false, pageSize: 1));
    }

    [Fact]
    public void FailedRow_RunsAgainOnlyWhenTheLatestClaimableHandedItOut()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 2);
        journal.MarkRunning("loc-000");
        journal.MarkFailed("loc-000", FailureKind.Transient, "timeout", "timed out");
        journal.MarkRunning("loc-001");
        journal.MarkFailed("loc-001", FailureKind.Permanent, "corrupt_cog", "bad tiff");

        journal.Claimable(retryFailed: true, retryPermanent: false);
        Assert.Throws<JournalStateException>(() => journal.MarkRunning("loc-001")); // permanent: not handed out
        journal.Claimable(retryFailed: false, retryPermanent: false); // the newer claim list revokes the retry
        Assert.Throws<JournalStateException>(() => journal.MarkRunning("loc-000"));

        journal.Claimable(retryFailed: true, retryPermanent: false);
        journal.MarkRunning("loc-000");
        var retried = journal.Get("loc-000")!;
        Assert.Equal(RowState.Running, retried.State);
        Assert.Equal(2, retried.Attempts);
        Assert.Null(retried.FailureKind);
        Assert.Null(retried.Reason);
        Assert.False(retried.Retryable);
        Assert.Null(retried.FinishedAt);
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        Assert.Equal(RowState.Done, journal.Get("loc-000")!.State);
    }
}
