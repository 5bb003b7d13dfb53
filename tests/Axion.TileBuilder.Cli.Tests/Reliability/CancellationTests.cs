using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM on a running <c>build</c> after its first row is done: exit 130 (the batch stops
/// in seconds; the test waits up to 2 minutes, a guard against a hang, not a measure of speed), a sound journal,
/// no temporary files, and <c>resume</c> finishes to the uninterrupted result without redoing the done row.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class CancellationTests(ReliabilityFixture fixture)
{
    [Theory]
    [InlineData("INT", 2)]
    [InlineData("TERM", 15)]
    public async Task Signal_after_the_first_row_exits_130_with_a_consistent_journal_and_resume_completes(string signal, int number)
    {
        await using var server = await LocalCatalogServer.StartAsync(fixture.World, new LocalCatalogOptions { Faults = new FaultOptions { LatencyMs = 40 } });
        var outDir = fixture.NewDir("rel-sig" + signal.ToLowerInvariant());
        var lines = new ConcurrentQueue<string>();
        using var process = ChildCli.Start(fixture.BuildArgs(TestPaths.SampleCsv, outDir, server, workers: 1), lines);
        AssertSignalNotIgnored(process.Id, number);

        var clock = Stopwatch.StartNew();
        while (!process.HasExited && !lines.Any(ChildCli.IsRowDoneLine) && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(20);
        }

        Assert.False(process.HasExited, "the batch ended before it could be interrupted:\n" + string.Join('\n', lines));
        Assert.True(lines.Any(ChildCli.IsRowDoneLine), "no row finished within 5 minutes (hung?):\n" + string.Join('\n', lines));

        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using (var hang = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            try
            {
                await process.WaitForExitAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"SIG{signal}: the process was still running 2 minutes after the signal (hung)");
            }
        }

        process.WaitForExit();
        var output = string.Join('\n', lines);
        Assert.True(process.ExitCode == ExitCodes.Cancelled, $"SIG{signal}: exit {process.ExitCode}\n{output}");
        Assert.Contains("cancelled: the journal is consistent", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(outDir, "*tmp*", SearchOption.AllDirectories));

        // The journal after the signal: sound, the finished row done with its files, nothing failed,
        // the interrupted row (at most one, --workers 1) released to pending (or still running if the signal came
        // between claims), so that resume redoes it.
        Dictionary<string, DateTime> doneFiles;
        string doneRow;
        using (var journal = BatchJournal.Open(outDir, create: false))
        {
            Assert.Empty(journal.CheckIntegrity());
            var rows = journal.List();
            Assert.Equal(3, rows.Count);
            Assert.DoesNotContain(rows, r => r.State is RowState.Failed or RowState.Skipped);
            Assert.True(rows.Count(r => r.State == RowState.Running) <= 1, string.Join(", ", rows.Select(r => $"{r.RowId}={r.State}")));
            var done = rows.Where(r => r.State == RowState.Done).ToList();
            Assert.NotEmpty(done);
            doneRow = done[0].RowId;
            doneFiles = done.SelectMany(r => r.Outcome!.Files).ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(outDir, f)), StringComparer.Ordinal);
            Assert.All(doneFiles.Keys, f => Assert.True(File.Exists(Path.Combine(outDir, f)), $"done row's tile {f} is missing"));
            var onDisk = Directory.GetFiles(outDir, "tile_*.npz").Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            Assert.True(onDisk.SetEquals(doneFiles.Keys), "tiles on disk other than the done rows': " + string.Join(", ", onDisk.Except(doneFiles.Keys)));
        }

        var resume = await CliHarness.RunAsync("resume", "--out", outDir);
        Assert.True(resume.ExitCode == 0, resume.ToString());
        TileSnapshot.AssertEqual(fixture.SampleReference, TileSnapshot.Read(outDir));
        Assert.Empty(Directory.GetFiles(outDir, "*tmp*", SearchOption.AllDirectories));
        using (var journal = BatchJournal.Open(outDir, create: false))
        {
            Assert.Empty(journal.CheckIntegrity());
            Assert.Equal(3, journal.Summarize().Count(RowState.Done));
            Assert.Equal(1, journal.Get(doneRow)!.Attempts);
        }

        // A done row is never redone: its tiles are the very files written before the signal.
        Assert.All(doneFiles, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(Path.Combine(outDir, f.Key))));
    }


    /// <summary>A process started from a shell's background job inherits SIGINT ignored; then the test cannot work.</summary>
    private static void AssertSignalNotIgnored(int pid, int signal)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        Assert.NotNull(status);
        var mask = ulong.Parse(status["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.True(
            (mask & (1UL << (signal - 1))) == 0,
            $"the child inherited signal {signal} as ignored (SigIgn {mask:x}); run 'dotnet test' in the foreground, not from a background job");
    }
}
