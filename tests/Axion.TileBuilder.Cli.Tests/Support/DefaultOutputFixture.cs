using System.Globalization;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// One small default-spec world (one location, 1024 px scenes, no extra bands) served in the Planetary Computer flavour, and
/// a <c>build</c> of it with default output options (compressed) and one with <c>--uncompressed</c>, both 2 x 2 tiles: the
/// bytes of the default output that <see cref="Bands.DefaultOutputPinTests"/> pins.
/// </summary>
public sealed class DefaultOutputFixture : IAsyncLifetime
{
    public const string RowId = "pin-row";

    // Paris, as in GrdBatchFixture: land cover with rivers, lakes and parcels; cloud edges in the chosen scene.
    public const double Latitude = 48.8566;
    public const double Longitude = 2.3522;

    public string OutDir { get; } = TestPaths.NewTempDir("pin");

    public string UncompressedOutDir { get; } = TestPaths.NewTempDir("pinu");

    internal CliResult Build { get; private set; } = new(-1, string.Empty, string.Empty);

    internal CliResult UncompressedBuild { get; private set; } = new(-1, string.Empty, string.Empty);

    public async Task InitializeAsync()
    {
        var world = WorldBuilder.Build(
            new WorldSpec([new WorldLocation(RowId, Latitude, Longitude)], ScenePx: 1024, IncludeEarthSearchL2AVariants: false, AoiSizeM: 5120),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var csv = Path.Combine(OutDir, "..", Path.GetFileName(OutDir) + "-rows.csv");
        await File.WriteAllTextAsync(csv, string.Create(CultureInfo.InvariantCulture, $"id,lat,lon\n{RowId},{Latitude},{Longitude}\n"));
        var dates = world.DatesOf(SceneKind.Sentinel2L2A);
        await using var server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions());
        string[] common =
        [
            "build", "--csv", csv,
            .. CatalogArguments.PlanetaryComputer(server),
            "--start", dates.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--end", dates.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--no-quicklooks",
        ];
        Build = await CliHarness.RunAsync([.. common, "--out", OutDir]);
        UncompressedBuild = await CliHarness.RunAsync([.. common, "--out", UncompressedOutDir, "--uncompressed"]);
        File.Delete(csv);
    }

    public Task DisposeAsync()
    {
        foreach (var dir in new[] { OutDir, UncompressedOutDir })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return Task.CompletedTask;
    }

    public static IReadOnlyList<string> TileFiles(string outDir) => Directory.GetFiles(outDir, "tile_*.npz").OrderBy(f => f, StringComparer.Ordinal).ToList();
}
