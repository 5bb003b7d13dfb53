using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Testing.FileSystem;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

/// <summary>The batch around the rows, with a fake row processor: no poison rows, and a rejected CSV leaves --out alone.</summary>
public sealed class BatchRunnerTests : IDisposable
{
    private const string Csv = "id,lat,lon\nR1,48.1,11.5\nR2,48.2,11.6\nR3,48.3,11.7\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_unexpected_exception_fails_only_its_row_as_internal_and_the_batch_goes_on()
    {
        var outDir = _dir.File("out");
        var runner = Runner(row => row.Id == "R2"
            ? throw new NotSupportedException("a surprise from deep inside")
            : throw new AxionException(FailureKind.NoData, "no clear scene"));

        var result = await runner.RunAsync(Request(Write(Csv), outDir), CancellationToken.None);

        Assert.Equal(3, result.RowsProcessed);
        using var journal = BatchJournal.Open(outDir, create: false);
        var r2 = journal.Get("R2")!;
        Assert.Equal(RowState.Failed, r2.State);
        Assert.Equal(FailureKind.Internal, r2.FailureKind);
        Assert.Equal("internal", r2.Reason);
        Assert.Contains("NotSupportedException: a surprise from deep inside", r2.Message, StringComparison.Ordinal);
        Assert.All(new[] { "R1", "R3" }, id => Assert.Equal(FailureKind.NoData, journal.Get(id)!.FailureKind));
        Assert.Empty(journal.CheckIntegrity());
    }

    [Fact]
    public async Task A_rejected_csv_leaves_the_out_dir_as_it_was_and_the_fixed_csv_then_runs()
    {
        var outDir = _dir.File("out");
        var csv = Write("id,lat,lon\n");
        var runner = Runner(_ => throw new AxionException(FailureKind.NoData, "no clear scene"));

        var ex = await Assert.ThrowsAsync<LocationCsvException>(() => runner.RunAsync(Request(csv, outDir), CancellationToken.None));
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.False(Directory.Exists(outDir), "a rejected CSV created --out");

        Directory.CreateDirectory(outDir);
        await Assert.ThrowsAsync<LocationCsvException>(() => runner.RunAsync(Request(csv, outDir), CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir));

        File.WriteAllText(csv, Csv);
        var result = await runner.RunAsync(Request(csv, outDir), CancellationToken.None);
        Assert.Equal(3, result.Summary.RowsTotal);
    }

    [Fact]
    public async Task An_out_dir_that_is_a_file_is_refused_as_not_a_folder()
    {
        var outFile = Write("not a folder");
        var runner = Runner(_ => throw new AxionException(FailureKind.NoData, "no clear scene"));

        var ex = await Assert.ThrowsAsync<OutputFolderException>(() => runner.RunAsync(Request(Write(Csv), outFile), CancellationToken.None));

        Assert.Equal(OutputFolderProblem.NotAFolder, ex.Problem);
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains(outFile, ex.Message, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(outFile));
    }

    [Fact]
    public async Task The_start_jitter_is_waited_on_the_batchs_clock_before_any_row_is_claimed()
    {
        var outDir = _dir.File("out");
        var clock = new DelayRecordingTimeProvider(advanceOnWait: false);
        var started = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var runner = Runner(row =>
        {
            started.Enqueue(row.Id);
            throw new AxionException(FailureKind.NoData, "no clear scene");
        });
        var jitter = TimeSpan.FromSeconds(7.25);

        var run = runner.RunAsync(Request(Write(Csv), outDir) with { StartJitter = jitter, Clock = clock }, CancellationToken.None);

        await Until(() => clock.Delays.Contains(jitter) || run.IsCompleted);
        Assert.False(run.IsCompleted, "the batch did not wait for its start jitter");
        Assert.Empty(started);
        using (var reader = BatchJournal.OpenReadOnly(outDir))
        {
            Assert.Equal(3, reader.Summarize().Count(RowState.Pending)); // seeded, none claimed
        }

        clock.Advance(jitter);
        var result = await run;

        Assert.Equal(3, result.RowsProcessed);
        Assert.Equal(3, started.Count);
    }

    [Fact]
    public async Task Cancelling_during_the_start_jitter_ends_the_wait_and_leaves_every_row_pending()
    {
        var outDir = _dir.File("out");
        var clock = new DelayRecordingTimeProvider(advanceOnWait: false);
        var runner = Runner(row => throw new InvalidOperationException($"row {row.Id} ran"));
        using var cancel = new CancellationTokenSource();

        var run = runner.RunAsync(Request(Write(Csv), outDir) with { StartJitter = TimeSpan.FromSeconds(30), Clock = clock }, cancel.Token);
        await Until(() => clock.Delays.Count > 0 || run.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        using var journal = BatchJournal.Open(outDir, create: false);
        Assert.Equal(3, journal.Summarize().Count(RowState.Pending));
    }

    [Fact]
    public async Task The_tokens_of_both_collections_are_fetched_once_at_the_start_while_the_first_row_runs()
    {
        using var tokens = TokenServer();
        var outDir = _dir.File("out");
        var seenByFirstRow = -1;
        var runner = Runner(row =>
        {
            if (row.Id == "R1")
            {
                // The first row signs nothing here (a fake processor): the requests can only come from the batch's start.
                Until(() => TokenRequests(tokens).Count == 2).GetAwaiter().GetResult();
                seenByFirstRow = TokenRequests(tokens).Count;
            }

            throw new AxionException(FailureKind.NoData, "no clear scene");
        });

        await runner.RunAsync(PlanetaryComputerRequest(Write(Csv), outDir, tokens), CancellationToken.None);

        Assert.Equal(2, seenByFirstRow);
        Assert.Equal(["/token/sentinel-1-rtc", "/token/sentinel-2-l2a"], TokenRequests(tokens).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_with_no_row_to_run_asks_for_no_token()
    {
        using var tokens = TokenServer();
        var outDir = _dir.File("out");
        var csv = Write(Csv);
        var runner = Runner(_ => throw new AxionException(FailureKind.NoData, "no clear scene"));
        await runner.RunAsync(PlanetaryComputerRequest(csv, outDir, tokens), CancellationToken.None);
        var first = TokenRequests(tokens).Count;

        var again = await runner.RunAsync(PlanetaryComputerRequest(csv, outDir, tokens), CancellationToken.None); // every row failed: nothing to run

        Assert.Equal(0, again.RowsProcessed);
        Assert.Equal(2, first);
        Assert.Equal(first, TokenRequests(tokens).Count);
    }

    [Fact]
    public async Task A_token_endpoint_that_fails_at_the_start_leaves_the_rows_to_run_and_report()
    {
        using var tokens = TokenServer();
        tokens.Status = _ => 503; // retried with backoff: the batch stops that request when its rows are done
        var outDir = _dir.File("out");
        var runner = Runner(_ => throw new AxionException(FailureKind.NoData, "no clear scene"));

        var result = await runner.RunAsync(PlanetaryComputerRequest(Write(Csv), outDir, tokens), CancellationToken.None);

        Assert.Equal(3, result.RowsProcessed);
        Assert.Equal(3, result.Summary.Count(RowState.Failed));
        Assert.NotEmpty(TokenRequests(tokens));
    }

    /// <summary>A SAS token endpoint on 127.0.0.1 that issues a long-lived token for both collections.</summary>
    private static LoopbackFileServer TokenServer()
    {
        var server = new LoopbackFileServer();
        var token = System.Text.Encoding.UTF8.GetBytes("""{"msft:expiry":"2099-01-01T00:00:00Z","token":"se=2099&sig=S"}""");
        server.Add("token/sentinel-2-l2a", token);
        server.Add("token/sentinel-1-rtc", token);
        return server;
    }

    private static List<string> TokenRequests(LoopbackFileServer server) =>
        [.. server.Requests.Where(r => r.PathAndQuery.StartsWith("/token/", StringComparison.Ordinal)).Select(r => r.PathAndQuery)];

    /// <summary>A batch of the Planetary Computer profile whose tokens come from <paramref name="tokens"/> (its catalog is never asked: the rows are fake).</summary>
    private static BatchRequest PlanetaryComputerRequest(string csv, string outDir, LoopbackFileServer tokens) => Request(csv, outDir) with
    {
        Settings = new RunSettings
        {
            CsvPath = csv,
            Profile = ProfileLoader.WithOverrides(BuiltInProfiles.PlanetaryComputer, null, new Uri(tokens.BaseUri, "token").AbsoluteUri),
            Workers = 1,
        },
    };

    /// <summary>Waits until <paramref name="condition"/> holds; the limit is a guard against a hang, not a measure.</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(5, hang.Token);
        }
    }

    [Fact]
    public async Task A_full_disk_at_the_journals_commit_stops_the_batch_as_disk_full_and_a_resume_with_room_finishes_it()
    {
        using var disk = TmpfsMount.Create(_dir.Path, sizeKb: 4 * 1024); // room for the journal of the three rows
        var outDir = Path.Combine(disk.Path, "out");
        var csv = Write(Csv);
        string? filler = null;
        var processed = new List<string>();
        var runner = Runner(row =>
        {
            processed.Add(row.Id);
            if (row.Id == "R2" && filler is null)
            {
                filler = disk.Fill("filler"); // the row's result is in hand, its journal commit has no room
            }

            return Done(row);
        });

        var ex = await Assert.ThrowsAsync<JournalStorageException>(() => runner.RunAsync(Request(csv, outDir), CancellationToken.None));

        Assert.True(ex.IsDiskFull, ex.Message);
        Assert.Equal(["R1", "R2"], processed); // the batch stopped: no row after the one the journal could not record
        using (var journal = BatchJournal.OpenReadOnly(outDir))
        {
            Assert.Empty(journal.CheckIntegrity());
            Assert.Equal(RowState.Done, journal.Get("R1")!.State);
            Assert.Equal(RowState.Running, journal.Get("R2")!.State);
            Assert.Equal(RowState.Pending, journal.Get("R3")!.State);
        }

        File.Delete(filler!);
        var result = await runner.RunAsync(Request(csv, outDir) with { Resume = true }, CancellationToken.None);

        Assert.Equal(3, result.Summary.Count(RowState.Done));
        Assert.Equal(["R1", "R2", "R3", "R2"], processed); // a row cut short is redone after the others, as after a crash
        using (var journal = BatchJournal.OpenReadOnly(outDir))
        {
            Assert.Empty(journal.CheckIntegrity());
            Assert.Equal(1, journal.Get("R2")!.Crashes);
        }
    }

    /// <summary>
    /// A done row of one tile whose decisions are large (256 KB): recording it must grow the journal's files, whatever
    /// room the write-ahead log already has.
    /// </summary>
    private static RowResult Done(LocationRow row) => new()
    {
        Tiles = [JournalFixture.Record(row.Id, 0, 0)],
        TilesRejected = 0,
        RejectedByReason = new Dictionary<string, int>(),
        DecisionsJson = $$"""{"pad":"{{new string('x', 256 * 1024)}}"}""",
        BytesRead = 0,
        Requests = 0,
        Seconds = 0,
    };

    private static BatchRunner Runner(Func<LocationRow, RowResult> process) => new(Serilog.Core.Logger.None)
    {
        ProcessOverride = (row, _) => Task.FromResult(process(row)),
    };

    private static BatchRequest Request(string csv, string outDir) => new()
    {
        OutDir = outDir,
        Settings = new RunSettings { CsvPath = csv, Profile = BuiltInProfiles.EarthSearch, Workers = 1 },
    };

    private string Write(string text)
    {
        var path = _dir.File("locations-" + Guid.NewGuid().ToString("N")[..8] + ".csv");
        File.WriteAllText(path, text);
        return path;
    }
}
