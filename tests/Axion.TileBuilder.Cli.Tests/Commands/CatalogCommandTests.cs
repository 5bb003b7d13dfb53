using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Cli.Tests.Commands;

public sealed class CatalogCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("serve");

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
    public async Task Serve_prints_the_days_its_scenes_span_and_a_build_command_that_finds_them()
    {
        Environment.SetEnvironmentVariable("AXION_CACHE_DIR", TestPaths.WorldCache);
        var rows = LocationCsvParser.Parse(new StringReader(await File.ReadAllTextAsync(TestPaths.SampleCsv)), "locations.csv").Rows;
        var world = WorldBuilder.Build(
            new WorldSpec(rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList(), 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var s2 = world.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => s.Datetime.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
        var s1 = world.Scenes.Where(s => s.Kind != SceneKind.Sentinel2L2A).Select(s => s.Datetime.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();

        using var output = new ConcurrentStringWriter();
        using var error = new ConcurrentStringWriter();
        using var stop = new CancellationTokenSource();
        var serve = AxionCli.RunAsync(["catalog", "serve", "--csv", TestPaths.SampleCsv], output, error, stop.Token);
        try
        {
            var clock = Stopwatch.StartNew();
            while (output.ToString().Count(c => c == '\n') < 4)
            {
                Assert.False(serve.IsCompleted, $"catalog serve ended:\n{output}\n{error}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"catalog serve printed no build line within 3 minutes:\n{output}\n{error}");
                await Task.Delay(50);
            }

            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var stacRoot = lines[0].TrimEnd('/');
            var tokenUrl = lines[1].TrimEnd('/');
            Assert.Equal($"scenes: {s2.Count} Sentinel-2 from {s2[0]} to {s2[^1]}, {s1.Count} Sentinel-1 from {s1[0]} to {s1[^1]}", lines[2]);
            Assert.Equal(
                $"build: axion-tiles build --csv {TestPaths.SampleCsv} --out tiles --catalog planetary-computer --stac-url {stacRoot} --token-url {tokenUrl} --start {s2[0]} --end {s2[^1]}",
                lines[3]);

            // The printed command, as printed (only the output folder changed), builds every row.
            var args = lines[3]["build: axion-tiles ".Length..].Split(' ');
            var outDir = Path.Combine(_dir, "tiles");
            args[Array.IndexOf(args, "--out") + 1] = outDir;
            var build = await CliHarness.RunAsync(args);
            Assert.True(build.ExitCode == ExitCodes.Ok, build.ToString());
            var status = await CliHarness.RunAsync("status", "--out", outDir, "--json");
            using var doc = JsonDocument.Parse(status.Stdout);
            Assert.Equal(rows.Count, doc.RootElement.GetProperty("rows").GetProperty("done").GetInt32());
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(ExitCodes.Ok, await serve.WaitAsync(TimeSpan.FromMinutes(1)));
    }
}
