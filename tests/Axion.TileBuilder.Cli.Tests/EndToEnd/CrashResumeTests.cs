using System.Diagnostics;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// SIGKILL a batch at different moments, then <c>resume</c>: the end result equals an uninterrupted
/// run (same files, same arrays, same metadata), with no partial files and a sound journal.
/// </summary>
public sealed class CrashResumeTests : IAsyncLifetime
{
    private LocalCatalogServer _server = null!;
    private (DateOnly Start, DateOnly End) _span;
    private readonly List<string> _dirs = [];

    public async Task InitializeAsync()
    {
        var rows = LocationCsvParser.Parse(new StringReader(await File.ReadAllTextAsync(TestPaths.SampleCsv)), "locations.csv").Rows;
        var world = WorldBuilder.Build(
            new WorldSpec(rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList(), 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var s2Dates = world.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
        _span = (s2Dates.Min(), s2Dates.Max());

        // Latency makes a row take long enough to be killed in the middle of it.
        _server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions { Faults = new FaultOptions { LatencyMs = 40 } });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var dir in _dirs)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task Killed_batches_resume_to_the_same_result_as_an_uninterrupted_run()
    {
        var reference = NewDir("ref");
        var code = await ChildCli.RunToEndAsync(BuildArgs(reference), TimeSpan.FromMinutes(3));
        Assert.Equal(0, code);
        var expected = ReadTiles(reference);
        Assert.NotEmpty(expected);

        var killed = 0;

        // Kill points: while searching/reading the first row, mid-batch, and right after the first row is done.
        // (the log line "Batch <dir>: N rows ..." comes after the run settings and rows are committed).
        foreach (var killAfter in new Func<string, IReadOnlyCollection<string>, bool>[]
        {
            (_, log) => log.Any(l => l.Contains(" rows, ", StringComparison.Ordinal)),
            (dir, _) => Directory.GetFiles(dir, ".tile_*").Length + Directory.GetFiles(dir, "tile_*.npz").Length > 0,
            (_, log) => log.Any(l => l.Contains("Row ", StringComparison.Ordinal) && l.Contains(" tiles (", StringComparison.Ordinal)),
        })
        {
            var dir = NewDir("crash");
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using (var process = ChildCli.Start(BuildArgs(dir), log))
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

            var resume = await ChildCli.RunToEndAsync(["resume", "--out", dir], TimeSpan.FromMinutes(3));
            Assert.Equal(0, resume);

            var actual = ReadTiles(dir);
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

        Assert.True(killed >= 2, $"only {killed} of 3 batches were still running at their kill point");
    }

    private List<string> BuildArgs(string outDir) =>
    [
        "build", "--csv", TestPaths.SampleCsv, "--out", outDir, "--workers", "1",
        "--catalog", "planetary-computer",
        "--stac-url", _server.PlanetaryComputerStacRoot.AbsoluteUri.TrimEnd('/'),
        "--token-url", _server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/'),
        "--start", _span.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "--end", _span.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    ];

    private string NewDir(string prefix)
    {
        var dir = TestPaths.NewTempDir(prefix);
        _dirs.Add(dir);
        return dir;
    }

    /// <summary>Every tile's arrays as hex strings of their bytes (NaN-exact), plus the meta string.</summary>
    private static Dictionary<string, List<string>> ReadTiles(string dir)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dir, "tile_*.npz"))
        {
            using var npz = NpzReader.Open(file);
            var arrays = new List<string>();
            foreach (var key in npz.Keys.Order(StringComparer.Ordinal))
            {
                var array = npz.Get(key);
                arrays.Add(key + ":" + (key == "meta" ? array.AsString() : Convert.ToHexString(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsFloat32().AsSpan()))));
            }

            result[Path.GetFileName(file)] = arrays;
        }

        return result;
    }
}
