using System.Globalization;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Cli.Tests.Bands;

/// <summary>
/// A <see cref="WorldLayout.ZoneEdge"/> location with every band (768 px scenes gridded in zone 32, the AOI in zone 31, as in
/// the mosaic tests), built once with <c>--bands B05,B09</c> (bilinear): the 20 m and 60 m bands are warped across the zone.
/// </summary>
public sealed class ZoneEdgeBandsFixture : IAsyncLifetime
{
    public const string RowId = "zone-edge-bands";

    private readonly string _root = TestPaths.NewTempDir("zone-bands");

    public SyntheticWorld World { get; private set; } = null!;

    public string OutDir => Path.Combine(_root, "out");

    internal CliResult Build { get; private set; } = new(-1, string.Empty, string.Empty);

    public async Task InitializeAsync()
    {
        var location = new WorldLocation(RowId, 45.3000, 5.9600, WorldLayout.ZoneEdge);
        World = WorldBuilder.Build(
            new WorldSpec([location], ScenePx: 768, IncludeEarthSearchL2AVariants: false, AoiSizeM: 5120, IncludeAllBands: true),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var csv = Path.Combine(_root, "rows.csv");
        await File.WriteAllTextAsync(csv, string.Create(CultureInfo.InvariantCulture, $"id,lat,lon\n{location.Id},{location.Latitude},{location.Longitude}\n"));
        var dates = World.DatesOf(SceneKind.Sentinel2L2A);
        await using var server = await LocalCatalogServer.StartAsync(World, new LocalCatalogOptions());
        Build = await CliHarness.RunAsync(
        [
            "build", "--csv", csv, "--out", OutDir,
            .. CatalogArguments.PlanetaryComputer(server),
            "--start", dates.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--end", dates.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--bands", "B05,B09", "--include-scl", "--uncompressed", "--no-quicklooks", "--min-valid", "0.3",
        ]);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<string> TileFiles() => Directory.GetFiles(OutDir, "tile_*.npz").OrderBy(f => f, StringComparer.Ordinal).ToList();
}
