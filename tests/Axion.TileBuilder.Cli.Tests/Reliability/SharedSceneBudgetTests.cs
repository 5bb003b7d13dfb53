using System.Globalization;
using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// Many rows reading the same scene at once: each read is charged only its own bytes, so none passes its budget.
/// (Diffing GDAL's process-wide statistics per URL charged rows with each other's bytes: 19 of 36 failed.)
/// </summary>
public sealed class SharedSceneBudgetTests
{
    [Fact]
    public async Task Thirty_six_rows_on_one_scene_at_24_workers_all_finish_done_with_the_default_read_factor()
    {
        var world = WorldBuilder.Build(
            new WorldSpec([new WorldLocation("iowa-cropland", 42.05, -93.55)], 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var dates = world.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
        var dir = TestPaths.NewTempDir("shared-scene");
        try
        {
            // A 6 x 6 grid of points 600 m apart around the world's location: every AOI lies in the same scenes.
            var csv = new StringBuilder("id,lat,lon\n");
            double[] steps = [-1.5, -0.9, -0.3, 0.3, 0.9, 1.5];
            foreach (var north in steps)
            {
                foreach (var east in steps)
                {
                    var lat = 42.05 + (north / 111.0);
                    var lon = -93.55 + (east / (111.0 * Math.Cos(42.05 * Math.PI / 180)));
                    csv.Append(CultureInfo.InvariantCulture, $"p{csv.Length:x},{lat:F5},{lon:F5}\n");
                }
            }

            var csvPath = Path.Combine(dir, "rows36.csv");
            await File.WriteAllTextAsync(csvPath, csv.ToString());
            var outDir = Path.Combine(dir, "out");
            await using var server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions());

            var build = await CliHarness.RunAsync(
            [
                "build", "--csv", csvPath, "--out", outDir, "--workers", "24", "--no-quicklooks",
                "--catalog", "planetary-computer",
                .. CatalogArguments.PlanetaryComputer(server),
                "--start", dates.Min().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "--end", dates.Max().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ]);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.DoesNotContain("read_budget_exceeded", build.Stdout + build.Stderr, StringComparison.Ordinal);
            var status = await CliHarness.RunAsync("status", "--out", outDir, "--json");
            using var doc = JsonDocument.Parse(status.Stdout);
            Assert.Equal(36, doc.RootElement.GetProperty("rows_total").GetInt32());
            Assert.Equal(36, doc.RootElement.GetProperty("rows").GetProperty("done").GetInt32());
            Assert.True(doc.RootElement.GetProperty("bytes_read").GetInt64() > 0);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
