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

    private static async Task ResumeAndCompareAsync(string dir, Dictionary<string, List<string>> expected)
    {
        Assert.Equal(0, await ChildCli.RunToEndAsync(["resume", "--out", dir], TimeSpan.FromMinutes(3)));
        var actual = TileSnapshot.Read(dir);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, arrays) in expected)
        {
            Assert.Equal(arrays, actual[name]);
        }

        Assert.Empty(Directory.GetFiles(dir, ".*tmp*"));
        using var journal = BatchJournal.Open(dir, create: false);
        Assert.Empty(journal.CheckIntegrity());
        Assert.Equal(3, journal.Summarize().Count(RowState.Done));
    }
}
