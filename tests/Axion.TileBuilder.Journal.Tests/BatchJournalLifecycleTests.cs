using System.Text;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal.Tests;

public sealed class BatchJournalLifecycleTests : IDisposable
{
    private readonly TempOutDir _dir = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 3, 11, 4, 42, 49, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_Create_MakesOutDirJournalAndLock_WithDurableSettings()
    {
        var outDir = _dir.Sub("out/nested");
        using var journal = BatchJournal.Open(outDir, create: true);

        Assert.Null(journal.Run);
        Assert.True(File.Exists(Path.Combine(outDir, "journal.db")));
        Assert.True(File.Exists(Path.Combine(outDir, ".axion.lock")));
        Assert.Equal(Path.Combine(Path.GetFullPath(outDir), ".axion.lock"), journal.LockPath);
        Assert.Equal("wal", journal.ReadPragma("journal_mode"));
        Assert.Equal(2L, journal.ReadPragma("synchronous")); // FULL
        Assert.Equal((long)BatchJournal.BusyTimeoutMilliseconds, journal.ReadPragma("busy_timeout"));
        Assert.Equal((long)JournalSchema.Version, journal.ReadPragma("user_version"));
    }

    [Fact]
    public void StartRun_RecordsRunWithUtcTimestamps()
    {
        using (var journal = BatchJournal.Open(_dir.Path, create: true, _clock))
        {
            journal.StartRun(JournalFixtures.Run());
            Assert.Equal(_clock.Now, journal.Run!.UpdatedAt);
        }

        using (var raw = JournalFixtures.Raw(_dir.Path))
        {
            // CreatedAt was 06:42:49 at +02:00.
            Assert.Equal("2025-03-11T04:42:49.0000000Z", JournalFixtures.Scalar(raw, "SELECT created_at FROM run"));
            Assert.Equal("2025-03-11T04:42:49.0000000Z", JournalFixtures.Scalar(raw, "SELECT updated_at FROM run"));
            Assert.Equal("local", JournalFixtures.Scalar(raw, "SELECT catalog FROM run"));
        }

        using var reopened = BatchJournal.Open(_dir.Path, create: false);
        var run = reopened.Run!;
        var expected = JournalFixtures.Run();
        Assert.Equal(expected.SettingsJson, run.SettingsJson);
        Assert.Equal(expected.CsvPath, run.CsvPath);
        Assert.Equal(expected.CsvSha256, run.CsvSha256);
        Assert.Equal(expected.ToolVersion, run.ToolVersion);
        Assert.Equal(expected.Catalog, run.Catalog);
        Assert.Equal(expected.CreatedAt, run.CreatedAt);
        Assert.Equal(TimeSpan.Zero, run.CreatedAt.Offset);
    }

    [Fact]
    public void AddRows_ThenClaimable_ReturnsEveryPendingRowInLineOrder()
    {
        using var journal = BatchJournal.Open(_dir.Path, create: true);
        journal.StartRun(JournalFixtures.Run());
        var seeds = JournalFixtures.Seeds(5);
        var shuffled = new[] { seeds[3], seeds[0], seeds[4], seeds[1], seeds[2] };

        Assert.Equal(5, journal.AddRows(shuffled));

        var claimable = journal.Claimable(retryFailed: false, retryPermanent: false);
        Assert.Equal(seeds.Select(s => s.RowId), claimable.Select(r => r.RowId));
        Assert.All(claimable, r => Assert.Equal(RowState.Pending, r.State));
        Assert.All(claimable, r => Assert.Equal(0, r.Attempts));
        Assert.Equal(seeds[2].InputJson, journal.Get(seeds[2].RowId)!.InputJson);
        Assert.Null(journal.Get("no-such-row"));
    }

    [Fact]
    public void MarkRunningThenDone_RecordsAttemptsTimesAndOutcome()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 2, _clock);
        var started = _clock.Now.AddMinutes(1);
        _clock.Now = started;
        journal.MarkRunning("loc-000");

        var running = journal.Get("loc-000")!;
        Assert.Equal(RowState.Running, running.State);
        Assert.Equal(1, running.Attempts);
        Assert.Equal(started, running.StartedAt);
        Assert.Null(running.FinishedAt);

        _clock.Now = started.AddSeconds(30);
        var outcome = JournalFixtures.Outcome("loc-000", tiles: 3);
        journal.MarkDone("loc-000", outcome);

        var done = journal.Get("loc-000")!;
        Assert.Equal(RowState.Done, done.State);
        Assert.Equal(started.AddSeconds(30), done.FinishedAt);
        Assert.Equal(started.AddSeconds(30), done.UpdatedAt);
        Assert.Equal(started.AddSeconds(30), journal.Run!.UpdatedAt);
        var stored = done.Outcome!;
        Assert.Equal(3, stored.TilesWritten);
        Assert.Equal(1, stored.TilesRejected);
        Assert.Equal(outcome.Files, stored.Files);
        Assert.Equal(1, stored.RejectedByReason["cloud"]);
        Assert.Equal(outcome.ItemsJson, stored.ItemsJson);
        Assert.Equal(1_000_000, stored.BytesRead);
        Assert.Equal(23, stored.Requests);
        Assert.Equal(1.5, stored.Seconds);
        Assert.Null(journal.Get("loc-001")!.Outcome);
    }

    [Fact]
    public void MarkFailed_KeepsWhatTheRowSpent_AndTheSummaryCountsItWithTheDoneRows()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 3);
        journal.MarkRunning("loc-000");
        journal.MarkFailed("loc-000", FailureKind.Permanent, "read_budget_exceeded", "too many bytes", new RowSpend(5_000_000, 12, 2.5));
        journal.MarkRunning("loc-001");
        journal.MarkDone("loc-001", new RowOutcome { TilesWritten = 1, Files = ["tile_loc-001_0_0.npz"], BytesRead = 1_000_000, Requests = 7, Seconds = 1.0 });
        journal.MarkRunning("loc-002");
        journal.MarkFailed("loc-002", FailureKind.Transient, "http_503", "503");

        using var raw = JournalFixtures.Raw(_dir.Path);
        Assert.Equal(5_000_000L, JournalFixtures.Scalar(raw, "SELECT bytes_read FROM rows WHERE row_id = 'loc-000'"));
        Assert.Equal(12L, JournalFixtures.Scalar(raw, "SELECT requests FROM rows WHERE row_id = 'loc-000'"));
        Assert.Equal(0L, JournalFixtures.Scalar(raw, "SELECT bytes_read FROM rows WHERE row_id = 'loc-002'")); // nothing spent is zero, not unknown
        var summary = journal.Summarize();
        Assert.Equal(6_000_000, summary.BytesRead);
        Assert.Equal(19, summary.Requests);
        Assert.Equal(1, summary.TilesWritten);
    }

    [Fact]
    public void MarkFailed_StoresKindReasonMessage_AndRetryableOnlyForTransient()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 3);
        journal.MarkRunning("loc-000");
        journal.MarkFailed("loc-000", FailureKind.Transient, "http_503", "GET blue.tif: 503 Service Unavailable");
        journal.MarkRunning("loc-001");
        journal.MarkFailed("loc-001", FailureKind.NoData, "", "no scene under 20% cloud");
        journal.MarkFailed("loc-002", FailureKind.Permanent, "http_404", "asset missing");

        var transient = journal.Get("loc-000")!;
        Assert.Equal(RowState.Failed, transient.State);
        Assert.True(transient.Retryable);
        Assert.Equal(FailureKind.Transient, transient.FailureKind);
        Assert.Equal("http_503", transient.Reason);
        Assert.Equal("GET blue.tif: 503 Service Unavailable", transient.Message);
        Assert.NotNull(transient.FinishedAt);

        var noScene = journal.Get("loc-001")!;
        Assert.False(noScene.Retryable);
        Assert.Equal(FailureKind.NoData, noScene.FailureKind);
        Assert.Equal("no_scene", noScene.Reason); // empty reason falls back to the category

        var permanent = journal.Get("loc-002")!;
        Assert.False(permanent.Retryable);
        Assert.Equal(0, permanent.Attempts); // failed straight from pending

        using var raw = JournalFixtures.Raw(_dir.Path);
        Assert.Equal("no_scene", JournalFixtures.Scalar(raw, "SELECT failure_kind FROM rows WHERE row_id = 'loc-001'"));
        Assert.Equal("failed", JournalFixtures.Scalar(raw, "SELECT state FROM rows WHERE row_id = 'loc-001'"));
    }

    [Fact]
    public void Summarize_CountsStatesFailuresAndDoneTotals()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 7);
        journal.AddRows([JournalRowSeed.Rejected("bad-1", 20, """{"raw":"x,,y"}""", "lat is not a number: ''")]);
        journal.MarkRunning("loc-000");
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000", tiles: 2) with { Seconds = 1.25, BytesRead = 100, Requests = 3 });
        journal.MarkRunning("loc-001");
        journal.MarkDone("loc-001", JournalFixtures.Outcome("loc-001", tiles: 3) with
        {
            TilesRejected = 4,
            RejectedByReason = new Dictionary<string, int> { ["cloud"] = 3, ["nodata"] = 1 },
            Seconds = 2.5,
            BytesRead = 50,
            Requests = 4,
        });
        journal.MarkRunning("loc-002");
        journal.MarkFailed("loc-002", FailureKind.Transient, "http_503", "503");
        journal.MarkRunning("loc-003");
        journal.MarkFailed("loc-003", FailureKind.Transient, "timeout", "timed out");
        journal.MarkFailed("loc-004", FailureKind.Permanent, "http_404", "404");
        journal.MarkSkipped("loc-005", "outside_subset");
        journal.MarkRunning("loc-006");

        var s = journal.Summarize();

        Assert.Equal(8, s.RowsTotal);
        Assert.Equal(0, s.Count(RowState.Pending));
        Assert.Equal(1, s.Count(RowState.Running));
        Assert.Equal(2, s.Count(RowState.Done));
        Assert.Equal(4, s.Count(RowState.Failed));
        Assert.Equal(1, s.Count(RowState.Skipped));
        Assert.Equal(2, s.RetryableFailed);
        Assert.Equal(2, s.FailuresByKind["transient"]);
        Assert.Equal(1, s.FailuresByKind["permanent"]);
        Assert.Equal(1, s.FailuresByKind["bad_input"]);
        Assert.Equal(1, s.FailuresByReason["http_503"]);
        Assert.Equal(1, s.FailuresByReason["timeout"]);
        Assert.Equal(1, s.FailuresByReason["http_404"]);
        Assert.Equal(1, s.FailuresByReason["bad_input"]);
        Assert.Equal(1, s.SkipsByReason["outside_subset"]);
        Assert.Equal(5, s.TilesWritten);
        Assert.Equal(5, s.TilesRejected);
        Assert.Equal(4, s.RejectedByReason["cloud"]);
        Assert.Equal(1, s.RejectedByReason["nodata"]);
        Assert.Equal(150, s.BytesRead);
        Assert.Equal(7, s.Requests);
        Assert.Equal(3.75, s.Seconds, 9);
        Assert.Equal(5, s.Attempts);
    }

    [Fact]
    public void Summarize_OfFreshJournal_IsAllZero()
    {
        using var journal = BatchJournal.Open(_dir.Path, create: true);
        var s = journal.Summarize();
        Assert.Equal(0, s.RowsTotal);
        Assert.Equal(5, s.ByState.Count);
        Assert.All(s.ByState.Values, n => Assert.Equal(0, n));
        Assert.Equal(0, s.TilesWritten);
        Assert.Empty(s.FailuresByReason);
    }

    [Fact]
    public void List_FiltersByState_AndOrdersByLine()
    {
        using var journal = BatchJournal.Open(_dir.Path, create: true);
        journal.StartRun(JournalFixtures.Run());
        journal.AddRows([JournalFixtures.Seed("z", 9), JournalFixtures.Seed("a", 4), JournalFixtures.Seed("m", 2), JournalFixtures.Seed("q", 7)]);
        journal.MarkSkipped("q", "duplicate_location");
        journal.MarkSkipped("m", "duplicate_location");

        Assert.Equal(["m", "a", "q", "z"], journal.List().Select(r => r.RowId));
        Assert.Equal(["m", "q"], journal.List(RowState.Skipped).Select(r => r.RowId));
        Assert.Equal(["a", "z"], journal.List(RowState.Pending).Select(r => r.RowId));
        Assert.Empty(journal.List(RowState.Done));
        Assert.Equal([2, 4, 7, 9], journal.List().Select(r => r.Line));
    }

    [Fact]
    public void StartRun_OnJournalWithRun_Throws_ReplaceRunWipesRows()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 3);
        journal.MarkRunning("loc-000");
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));

        var ex = Assert.Throws<JournalStateException>(() => journal.StartRun(JournalFixtures.Run("other.csv")));
        Assert.Contains("already records a run", ex.Message);
        Assert.Contains("locations.csv", ex.Message);

        journal.ReplaceRun(JournalFixtures.Run("other.csv"));
        Assert.Equal("other.csv", journal.Run!.CsvPath);
        Assert.Empty(journal.List());
        Assert.Equal(0, journal.Summarize().RowsTotal);
        Assert.Equal(3, journal.AddRows(JournalFixtures.Seeds(3)));
        Assert.Equal(RowState.Pending, journal.Get("loc-000")!.State);
    }

    [Fact]
    public void AddRows_BeforeStartRun_Throws()
    {
        using var journal = BatchJournal.Open(_dir.Path, create: true);
        var ex = Assert.Throws<JournalStateException>(() => journal.AddRows(JournalFixtures.Seeds(1)));
        Assert.Contains("StartRun before AddRows", ex.Message);
    }

    [Fact]
    public void InvalidArguments_AreRejectedWithTheBadValueQuoted()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, 1);

        var badJson = Assert.Throws<ArgumentException>(() => journal.AddRows([JournalRowSeed.Pending("x", 5, "{not json")]));
        Assert.Contains("{not json", badJson.Message);
        var badLine = Assert.Throws<ArgumentException>(() => journal.AddRows([JournalFixtures.Seed("x", 0)]));
        Assert.Contains("got 0", badLine.Message);
        var badState = Assert.Throws<ArgumentException>(() => journal.AddRows([JournalFixtures.Seed("x", 3) with { State = RowState.Done }]));
        Assert.Contains("done", badState.Message);
        Assert.Null(journal.Get("x"));

        using var other = new TempOutDir();
        using var fresh = BatchJournal.Open(other.Path, create: true);
        var badHash = Assert.Throws<ArgumentException>(() => fresh.StartRun(JournalFixtures.Run() with { CsvSha256 = "ABC" }));
        Assert.Contains("'ABC'", badHash.Message);
        Assert.Null(fresh.Run);

        journal.MarkRunning("loc-000");
        var noFiles = Assert.Throws<ArgumentException>(() => journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000") with { Files = [] }));
        Assert.Contains("loc-000", noFiles.Message);
        Assert.Throws<ArgumentException>(() => journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000") with { TilesWritten = -1 }));
        Assert.Throws<ArgumentException>(() => journal.MarkSkipped("loc-000", " "));
        Assert.Equal(RowState.Running, journal.Get("loc-000")!.State);
    }

    [Fact]
    public void HashCsv_IsLowerHexSha256OfTheStream()
    {
        // FIPS 180-2 test vector for "abc".
        Assert.Equal(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            BatchJournal.HashCsv(new MemoryStream(Encoding.ASCII.GetBytes("abc"))));
        var a = BatchJournal.HashCsv(new MemoryStream(Encoding.UTF8.GetBytes(JournalFixtures.Csv)));
        var b = BatchJournal.HashCsv(new MemoryStream(Encoding.UTF8.GetBytes(JournalFixtures.Csv + "C,1,2\n")));
        Assert.NotEqual(a, b);
        Assert.Equal(64, a.Length);
    }

    [Fact]
    public void LongMessages_AreCut_AndUseAfterDisposeThrows()
    {
        var journal = JournalFixtures.Seeded(_dir.Path, 1);
        journal.MarkFailed("loc-000", FailureKind.Permanent, "corrupt_cog", new string('m', 10_000));
        var stored = journal.Get("loc-000")!.Message!;
        Assert.Equal(4000, stored.Length);
        Assert.EndsWith("...", stored);

        journal.Dispose();
        journal.Dispose();
        Assert.Throws<ObjectDisposedException>(() => journal.List());
    }
}
