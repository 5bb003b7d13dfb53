using System.Globalization;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// A small world with Sentinel-1 GRD (one location, 1024 px scenes, GRD rasters of 1434 px, AOI 2 x 2 tiles), served by a
/// local catalog in the Planetary Computer flavour; <c>plan --json</c> and <c>build</c> run once with the
/// <c>planetary-computer-grd</c> profile pointed at it.
/// </summary>
public sealed class GrdBatchFixture : IAsyncLifetime
{
    public const string RowId = "grd-row";

    // Paris: the AOI holds river and lake edges of the synthetic land cover (checked by the tests).
    public const double Latitude = 48.8566;
    public const double Longitude = 2.3522;

    public string OutDir { get; } = TestPaths.NewTempDir("grd");

    public SyntheticWorld World { get; private set; } = null!;

    internal CliResult Plan { get; private set; } = new(-1, string.Empty, string.Empty);

    internal CliResult Build { get; private set; } = new(-1, string.Empty, string.Empty);

    public async Task InitializeAsync()
    {
        World = WorldBuilder.Build(
            new WorldSpec([new WorldLocation(RowId, Latitude, Longitude)], ScenePx: 1024, IncludeEarthSearchL2AVariants: false, AoiSizeM: 5120, IncludeS1Grd: true),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var csv = Path.Combine(OutDir, "..", Path.GetFileName(OutDir) + "-rows.csv");
        await File.WriteAllTextAsync(csv, string.Create(CultureInfo.InvariantCulture, $"id,lat,lon\n{RowId},{Latitude},{Longitude}\n"));
        var s2Dates = World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => s.Datetime.UtcDateTime).ToList();
        await using var server = await LocalCatalogServer.StartAsync(World, new LocalCatalogOptions());
        string[] common =
        [
            "--csv", csv,
            "--catalog", "planetary-computer-grd",
            .. CatalogArguments.PlanetaryComputer(server),
            "--start", s2Dates.Min().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--end", s2Dates.Max().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--tiles", "2x2",
        ];
        Plan = await CliHarness.RunAsync(["plan", .. common, "--json"]);
        CliHarness.ForgetDownloads(server.PlanetaryComputerStacRoot);
        Build = await CliHarness.RunAsync(["build", .. common, "--out", OutDir, "--uncompressed", "--min-valid", "0.5"]);
        File.Delete(csv);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(OutDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<string> TileFiles() => Directory.GetFiles(OutDir, "tile_*.npz").OrderBy(f => f, StringComparer.Ordinal).ToList();
}
