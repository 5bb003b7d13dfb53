using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Cli.Tests.Commands;

/// <summary>
/// <c>status</c> on a folder whose journal another holder has open and locked, as a running <c>build</c> has it
/// (the end-to-end run against a real build is <see cref="StatusDuringBuildTests"/>).
/// </summary>
public sealed class StatusCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = TestPaths.NewTempDir("status");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Status_json_while_a_build_holds_the_folder_reads_the_journal_and_says_the_build_is_running()
    {
        using var build = Holder(rows: 4);
        build.MarkRunning("loc-0");
        build.MarkDone("loc-0", Outcome("loc-0"));
        build.MarkRunning("loc-1");
        build.MarkFailed("loc-1", FailureKind.Transient, "http_503", "503 from the catalog");
        build.MarkRunning("loc-2");

        var status = await CliHarness.RunAsync("status", "--out", _dir, "--json");

        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        using var doc = JsonDocument.Parse(status.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("build_running").GetBoolean());
        Assert.Equal(4, root.GetProperty("rows_total").GetInt32());
        Assert.Equal(2, root.GetProperty("rows_finished").GetInt32());
        var rows = root.GetProperty("rows");
        Assert.Equal((1, 1, 1, 1, 0), (rows.GetProperty("pending").GetInt32(), rows.GetProperty("running").GetInt32(), rows.GetProperty("done").GetInt32(), rows.GetProperty("failed").GetInt32(), rows.GetProperty("skipped").GetInt32()));
        Assert.Equal(1, root.GetProperty("failures_by_reason").GetProperty("http_503").GetInt32());
        Assert.Equal(3_000_000, root.GetProperty("bytes_read").GetInt64());
        Assert.Equal(T0.UtcDateTime, root.GetProperty("updated_at").GetDateTime().ToUniversalTime());
        Assert.Equal("loc-1", root.GetProperty("failed_rows").EnumerateArray().Single().GetProperty("id").GetString());

        // The build goes on writing after the status.
        build.MarkDone("loc-2", Outcome("loc-2"));
        Assert.Equal(2, build.Summarize().Count(RowState.Done));
    }

    [Fact]
    public async Task Status_text_shows_n_of_m_the_running_build_and_its_last_update_then_not_running_once_it_stopped()
    {
        using (var build = Holder(rows: 4))
        {
            build.MarkRunning("loc-0");
            build.MarkDone("loc-0", Outcome("loc-0"));
            build.MarkRunning("loc-1");

            var running = await CliHarness.RunAsync("status", "--out", _dir);
            Assert.True(running.ExitCode == ExitCodes.Ok, running.ToString());
            var lines = running.Stdout.Split('\n');
            Assert.Contains(lines, l => l.StartsWith("build: running (the out dir is locked by a build or resume); last update 2026-03-01 12:00:00Z (", StringComparison.Ordinal));
            Assert.Contains("rows: 1 of 4 finished (25.0 %): 1 done, 0 failed (0 retryable), 0 skipped; 2 pending, 1 running", lines);
            Assert.Contains("read: 3.0 MB in 23 requests; row time 1.5 s", lines);
        }

        File.Delete(Path.Combine(_dir, BatchJournal.LockFileName));
        var before = Listing();
        var stopped = await CliHarness.RunAsync("status", "--out", _dir);
        Assert.True(stopped.ExitCode == ExitCodes.Ok, stopped.ToString());
        Assert.Contains("\nbuild: not running; last update 2026-03-01 12:00:00Z (", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains("; 2 pending, 1 interrupted\n", stopped.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, Listing()); // status created no file (no lock file, no -wal/-shm)
    }

    [Fact]
    public async Task Status_of_a_folder_without_a_batch_says_so_and_creates_nothing()
    {
        var result = await CliHarness.RunAsync("status", "--out", _dir);
        Assert.Equal(ExitCodes.UsageOrBadInput, result.ExitCode);
        Assert.Contains($"no batch in {_dir}: journal.db not found", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));

        var missing = Path.Combine(_dir, "nothing-here");
        result = await CliHarness.RunAsync("status", "--out", missing, "--watch");
        Assert.Equal(ExitCodes.UsageOrBadInput, result.ExitCode);
        Assert.Contains($"no batch in {missing}", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Watch_prints_a_block_per_refresh_while_the_build_runs_and_exits_0_when_it_stops()
    {
        var build = Holder(rows: 3);
        using var output = new ConcurrentStringWriter();
        using var error = new ConcurrentStringWriter();
        var watch = AxionCli.RunAsync(["status", "--out", _dir, "--watch", "0.1"], output, error, CancellationToken.None);

        await WaitUntil(() => output.ToString().Contains("rows: 0 of 3 finished", StringComparison.Ordinal), watch, output);
        build.MarkRunning("loc-0");
        build.MarkDone("loc-0", Outcome("loc-0"));
        await WaitUntil(() => output.ToString().Contains("rows: 1 of 3 finished", StringComparison.Ordinal), watch, output);
        Assert.False(watch.IsCompleted, "the watch ended while the build was running:\n" + output);
        build.Dispose();

        Assert.Equal(ExitCodes.Ok, await watch.WaitAsync(TimeSpan.FromMinutes(1)));
        var blocks = output.ToString().Split("status at ", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(blocks.Length >= 3, output.ToString());
        Assert.All(blocks[..^1], b => Assert.Contains("build: running", b, StringComparison.Ordinal));
        Assert.Contains("build: not running", blocks[^1], StringComparison.Ordinal);
        Assert.Contains("rows: 1 of 3 finished", blocks[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output.ToString(), StringComparison.Ordinal); // no terminal codes into a file or pipe
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task Watch_json_prints_one_document_per_line_and_ctrl_c_ends_it_with_exit_0()
    {
        using var build = Holder(rows: 2);
        using var output = new ConcurrentStringWriter();
        using var error = new ConcurrentStringWriter();
        using var cts = new CancellationTokenSource();
        var watch = AxionCli.RunAsync(["status", "--out", _dir, "--watch", "0.1", "--json"], output, error, cts.Token);

        await WaitUntil(() => output.ToString().Count(c => c == '\n') >= 2, watch, output);
        await cts.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await watch.WaitAsync(TimeSpan.FromMinutes(1)));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, output.ToString());
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.True(doc.RootElement.GetProperty("build_running").GetBoolean());
            Assert.Equal(2, doc.RootElement.GetProperty("rows_total").GetInt32());
        }

        Assert.DoesNotContain("cancelled", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_of_a_batch_that_is_not_running_prints_once_and_exits()
    {
        using (Holder(rows: 2))
        {
        }

        var result = await CliHarness.RunAsync("status", "--out", _dir, "--watch");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Single(result.Stdout.Split("status at ", StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("build: not running", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("7200")]
    public async Task Watch_interval_out_of_range_is_a_usage_error(string seconds)
    {
        var result = await CliHarness.RunAsync("status", "--out", _dir, "--watch", seconds);
        Assert.Equal(ExitCodes.UsageOrBadInput, result.ExitCode);
        Assert.Contains("--watch must be between 0.1 and 3600 seconds", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A journal in the test folder, open and locked as a running build holds it, with its clock at <see cref="T0"/>.</summary>
    private BatchJournal Holder(int rows)
    {
        var journal = BatchJournal.Open(_dir, create: true, new ManualClock(T0));
        var csv = Encoding.UTF8.GetBytes("id,lat,lon\n");
        journal.StartRun(new RunInfo("""{"workers":1}""", "rows.csv", BatchJournal.HashCsv(new MemoryStream(csv)), "0.1.0", T0, "local"));
        journal.AddRows(Enumerable.Range(0, rows).Select(i => JournalRowSeed.Pending(
            string.Create(CultureInfo.InvariantCulture, $"loc-{i}"),
            i + 2,
            string.Create(CultureInfo.InvariantCulture, $$"""{"id":"loc-{{i}}","lat":1,"lon":2}"""))));
        return journal;
    }

    private static RowOutcome Outcome(string id) => new()
    {
        TilesWritten = 1,
        TilesRejected = 0,
        RejectedByReason = new Dictionary<string, int>(),
        Files = [$"tile_{id}_0_0.npz"],
        ItemsJson = "{}",
        BytesRead = 3_000_000,
        Requests = 23,
        Seconds = 1.5,
    };

    private string[] Listing() =>
        Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Polls <paramref name="condition"/>; fails if <paramref name="command"/> ends first or a minute passes (a bound for a stuck test, not a speed check).</summary>
    private static async Task WaitUntil(Func<bool> condition, Task<int> command, StringWriter output)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(command.IsCompleted, $"the command ended (exit {(command.IsCompletedSuccessfully ? command.Result : -1)}) first:\n{output}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "condition not met within a minute:\n" + output);
            await Task.Delay(20);
        }
    }
}
