using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_runs_its_batch_with_the_build_options_it_is_given()
    {
        Environment.SetEnvironmentVariable("AXION_CACHE_DIR", TestPaths.WorldCache);
        var dir = TestPaths.NewTempDir("demo-options");
        var csv = Path.Combine(dir, "one.csv");
        await File.WriteAllLinesAsync(csv, (await File.ReadAllLinesAsync(TestPaths.SampleCsv)).Take(2));
        var outDir = Path.Combine(dir, "out");

        var result = await CliHarness.RunAsync("demo", "--csv", csv, "--out", outDir, "--tiles", "1x1", "--min-valid", "0.5", "--no-quicklooks", "--workers", "2");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var settings = BatchRunner.ReadSettings(outDir);
        Assert.Equal("demo", settings.Profile.Name);
        Assert.Equal((1, 1, 0.5, false, 2), (settings.TilesX, settings.TilesY, settings.MinValid, settings.Quicklooks, settings.Workers));
        Assert.Single(Directory.GetFiles(outDir, "tile_*.npz"));
    }
}
