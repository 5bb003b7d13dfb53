using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Cli.Tests.TimeSeries;

/// <summary>
/// How a row of several timesteps runs: its timesteps' reads overlap (proven by the order of requests, not by timing), and a
/// process killed between one timestep's tiles and the row's end resumes to the very files of an uninterrupted build.
/// </summary>
[Collection(TimeSeriesCollection.Name)]
public sealed class TimeSeriesRunTests(TimeSeriesBatchFixture batch)
{
    /// <summary>Longest hold of an answer; only a build that does not overlap its timesteps waits this long.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_timesteps_of_a_row_are_checked_at_the_same_time()
    {
        // The SCL answers of the first season's scenes are held until an SCL file of the last season is asked for: a build
        // that planned its timesteps one after the other would leave them waiting the whole patience.
        var gate = new AnswerGate(
            held: path => SclOfMonths(path, "01", "02", "03"),
            awaited: path => SclOfMonths(path, "10", "11", "12"),
            Patience);
        await using var server = await batch.StartCatalogAsync(new LocalCatalogOptions { BeforeAnswer = gate.BeforeAnswer });
        var outDir = batch.NewOutDir("overlap");
        var csv = Path.Combine(outDir + "-csv", "rows.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
        await File.WriteAllLinesAsync(csv, ["id,lat,lon", $"{TimeSeriesBatchFixture.SeasonsRow},48.8566,2.3522"]);

        var result = await CliHarness.RunAsync(["build", .. batch.Common(csv), .. CatalogArguments.PlanetaryComputer(server), "--no-quicklooks", "--workers", "1", "--out", outDir]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(gate.ReleasedByPatience == 0, $"{gate.ReleasedByPatience} SCL request(s) of the first season waited {Patience.TotalSeconds} s for the last season's");
        Assert.True(gate.ReleasedByArrival > 0, "no SCL file of the first season was asked for");
        Assert.Equal(16, Directory.GetFiles(outDir, "tile_*_t*.npz").Length);
    }

    [Fact]
    public async Task A_process_killed_after_one_timesteps_tiles_resumes_to_the_files_of_an_uninterrupted_build()
    {
        await using var server = await batch.StartCatalogAsync(new LocalCatalogOptions());
        string[] args = [.. batch.Common(), .. CatalogArguments.PlanetaryComputer(server), "--min-timesteps", "3", "--workers", "1"];
        var reference = batch.NewOutDir("reference");
        Assert.Equal(ExitCodes.FinishedWithFailures, await ChildCli.RunToEndAsync(["build", .. args, "--out", reference], TimeSpan.FromMinutes(3)));

        var dir = batch.NewOutDir("killed");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var process = ChildCli.Start(["build", .. args, "--out", dir], log, new Dictionary<string, string> { [CrashPoint.EnvironmentVariable] = CrashPoint.TimestepWritten }))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(cts.Token);
            Assert.Equal(137, process.ExitCode); // 128 + SIGKILL
        }

        // Killed in the middle of the first row: some of its timesteps' tiles are on disk, the row is not done.
        Assert.Contains(log, l => l.Contains($"crash point '{CrashPoint.TimestepWritten}' hit", StringComparison.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(dir, "tile_*_t*.npz"));
        using (var journal = BatchJournal.Open(dir, create: false))
        {
            Assert.Equal(0, journal.Summarize().Count(RowState.Done));
            Assert.Equal(1, journal.Summarize().Count(RowState.Running));
        }

        Assert.Equal(ExitCodes.FinishedWithFailures, await ChildCli.RunToEndAsync(["resume", "--out", dir], TimeSpan.FromMinutes(3)));

        // The same files with the same bytes (tiles and quicklooks), and nothing else left behind.
        Assert.Equal(Files(reference), Files(dir));
        foreach (var name in Files(reference).Where(n => n.StartsWith("tile_", StringComparison.Ordinal) || n.StartsWith("quicklooks", StringComparison.Ordinal)))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(reference, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir, name))), name);
        }

        using var resumed = BatchJournal.Open(dir, create: false);
        Assert.Empty(resumed.CheckIntegrity());
        Assert.Equal(2, resumed.Summarize().Count(RowState.Done));
    }

    /// <summary>True for a Planetary Computer SCL file of a 2023 scene sensed in one of <paramref name="months"/>.</summary>
    private static bool SclOfMonths(string path, params string[] months) =>
        path.EndsWith("_SCL_20m.tif", StringComparison.Ordinal) && months.Any(m => path.Contains($"_2023{m}", StringComparison.Ordinal));

    /// <summary>The files of an output folder, relative, sorted; the journal and temporary folders left out.</summary>
    private static List<string> Files(string dir) =>
    [
        .. Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("journal", StringComparison.Ordinal) && !f.StartsWith("_journal", StringComparison.Ordinal) && !f.StartsWith(".axion", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];
}
