using System.Diagnostics;
using Axion.TileBuilder.Cli.Tests.Reliability;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// SIGKILL a batch at different moments, then <c>resume</c>: the end result equals an uninterrupted
/// run (same files, same arrays, same metadata), with no partial files and a sound journal.
/// </summary>
public sealed class CrashResumeTests(CrashBatchFixture fixture) : IClassFixture<CrashBatchFixture>
{
    [Fact]
    public async Task Killed_batches_resume_to_the_same_result_as_an_uninterrupted_run()
    {
        var expected = await fixture.ReferenceAsync();
        var killed = 0;

        // Kill points watched from outside: while searching/reading the first row (the log line "Batch <dir>: N rows ..."
        // comes after the run settings and rows are committed), while a tile is being written, and after a row is done.
        foreach (var killAfter in new Func<string, IReadOnlyCollection<string>, bool>[]
        {
            (_, log) => log.Any(l => l.Contains(" rows, ", StringComparison.Ordinal)),
            (dir, _) => Directory.GetFiles(dir, ".tile_*").Length + Directory.GetFiles(dir, "tile_*.npz").Length > 0,
            (_, log) => log.Any(l => l.Contains("Row ", StringComparison.Ordinal) && l.Contains(" tiles (", StringComparison.Ordinal)),
        })
        {
            var dir = fixture.NewDir("crash");
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using (var process = ChildCli.Start(fixture.BuildArgs(dir), log))
            {
                var clock = Stopwatch.StartNew();
                while (!process.HasExited && !killAfter(dir, log) && clock.Elapsed < TimeSpan.FromMinutes(2))
                {
                    await Task.Delay(5);
                }

                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true); // SIGKILL on Linux
                    killed++;
                }

                await process.WaitForExitAsync();
            }

            await ResumeAndCompareAsync(dir, expected);
        }

        Assert.True(killed >= 2, $"only {killed} of 3 batches were still running at their kill point");
    }

    /// <summary>
    /// Exact kill points from <see cref="CrashPoint"/>: between the tile writes and the journal update, inside the
    /// journal transaction that marks a row done (the update made, not committed), and right after that commit.
    /// </summary>
    [Theory]
    [InlineData(CrashPoint.TilesWritten, 1, 0, 1)]
    [InlineData(CrashPoint.JournalCommitDone, 2, 1, 1)]
    [InlineData(CrashPoint.JournalCommittedDone, 2, 2, 0)]
    public async Task Killed_at_an_exact_point_resumes_to_the_same_result(string point, int hit, int doneAtKill, int runningAtKill)
    {
        var expected = await fixture.ReferenceAsync();
        var dir = fixture.NewDir("crash-at");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var process = ChildCli.Start(
            fixture.BuildArgs(dir),
            log,
            new Dictionary<string, string> { [CrashPoint.EnvironmentVariable] = $"{point}:{hit}" }))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(cts.Token);
            Assert.Equal(137, process.ExitCode); // 128 + SIGKILL
        }

        Assert.Contains(log, l => l.Contains($"crash point '{point}' hit", StringComparison.Ordinal));
        using (var journal = BatchJournal.Open(dir, create: false))
        {
            Assert.Empty(journal.CheckIntegrity());
            var summary = journal.Summarize();
            Assert.Equal(doneAtKill, summary.Count(RowState.Done)); // the uncommitted transaction left nothing behind
            Assert.Equal(runningAtKill, summary.Count(RowState.Running));
        }

        await ResumeAndCompareAsync(dir, expected);
    }

    /// <summary>
    /// A row that kills the process every time it starts (as a GDAL crash on a corrupt file would): each run counts one
    /// crash for it and runs the never-crashed rows first, so the first resume finishes every other row; after
    /// <see cref="Pipeline.Batch.BatchRunner.MaxCrashes"/> crashes the row is failed as crashed_repeatedly and resume ends.
    /// </summary>
    [Fact]
    public async Task A_row_that_kills_the_process_every_time_ends_crashed_repeatedly_and_every_other_row_finishes()
    {
        const string poison = "black-forest"; // the second of the three rows
        var dir = fixture.NewDir("poison");
        var crashAt = new Dictionary<string, string> { [CrashPoint.EnvironmentVariable] = CrashPoint.ForRow(CrashPoint.RowStarted, poison) };

        Assert.Equal(137, await RunAsync(fixture.BuildArgs(dir), crashAt));
        AssertRows(dir, done: 1, crashes: 0, RowState.Running);

        Assert.Equal(137, await RunAsync(["resume", "--out", dir], crashAt));
        AssertRows(dir, done: 2, crashes: 1, RowState.Running);

        Assert.Equal(137, await RunAsync(["resume", "--out", dir], crashAt));
        AssertRows(dir, done: 2, crashes: 2, RowState.Running);

        Assert.Equal(ExitCodes.FinishedWithFailures, await RunAsync(["resume", "--out", dir], crashAt));
        AssertRows(dir, done: 2, crashes: 3, RowState.Failed);
        using var journal = BatchJournal.Open(dir, create: false);
        var row = journal.Get(poison)!;
        Assert.Equal(Errors.FailureKind.Permanent, row.FailureKind);
        Assert.Equal(BatchJournal.CrashedRepeatedlyReason, row.Reason);
        Assert.Empty(journal.CheckIntegrity());
        Assert.Empty(Directory.GetFiles(dir, "tile_" + poison + "_*"));

        static void AssertRows(string dir, int done, int crashes, RowState poisonState)
        {
            using var journal = BatchJournal.Open(dir, create: false);
            Assert.Equal(done, journal.Summarize().Count(RowState.Done));
            var row = journal.Get(poison)!;
            Assert.Equal(poisonState, row.State);
            Assert.Equal(crashes, row.Crashes);
        }
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> args, IDictionary<string, string> environment)
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var process = ChildCli.Start(args, log, environment);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    private static async Task ResumeAndCompareAsync(string dir, Dictionary<string, List<string>> expected)
    {
        Assert.Equal(0, await ChildCli.RunToEndAsync(["resume", "--out", dir], TimeSpan.FromMinutes(3)));
        var actual = TileSnapshot.Read(dir);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, arrays) in expected)
        {
            Assert.Equal(arrays, actual[name]);
        }

        Assert.Empty(Directory.GetFiles(dir, ".*tmp*", SearchOption.AllDirectories));
        using var journal = BatchJournal.Open(dir, create: false);
        Assert.Empty(journal.CheckIntegrity());
        Assert.Equal(3, journal.Summarize().Count(RowState.Done));
    }
}
