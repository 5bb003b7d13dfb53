using System.Globalization;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Cli.Tests.Mosaics;

/// <summary>
/// A small world (768 px scenes, 5.12 km AOIs) with a <see cref="WorldLayout.StraddleTiles"/> location, a
/// <see cref="WorldLayout.ZoneEdge"/> location (3.1 km west of the 6 deg E boundary of zones 31 and 32, scenes in
/// zone 32) and a <see cref="WorldLayout.ZoneEdgeStraddle"/> one (3.5 km west of it: two items of a pass, both in
/// zone 32, so warped and merged), served by the local catalog (Planetary Computer flavour) and built once with 2 x 2 tiles,
/// <c>--include-scl --include-valid</c>.
/// </summary>
public sealed class MosaicBatchFixture : IAsyncLifetime
{
    public const string StraddleId = "straddle";
    public const string ZoneEdgeId = "zone-edge";
    public const string ZoneEdgeStraddleId = "edge-straddle";

    /// <summary>Rows whose tiles merge two items of one pass.</summary>
    public static bool IsMosaic(string rowId) => rowId is StraddleId or ZoneEdgeStraddleId;

    /// <summary>Rows whose scenes are gridded in the neighbouring zone, so every read is warped.</summary>
    public static bool IsWarped(string rowId) => rowId is ZoneEdgeId or ZoneEdgeStraddleId;

    public string OutDir { get; } = TestPaths.NewTempDir("mosaic");

    public SyntheticWorld World { get; private set; } = null!;

    internal CliResult Build { get; private set; } = new(-1, string.Empty, string.Empty);

    /// <summary><c>plan --json</c> of the same rows, run before the build.</summary>
    internal CliResult Plan { get; private set; } = new(-1, string.Empty, string.Empty);

    public async Task InitializeAsync()
    {
        WorldLocation[] locations =
        [
            new(StraddleId, 48.1372, 11.5755, WorldLayout.StraddleTiles),
            new(ZoneEdgeId, 45.3000, 5.9600, WorldLayout.ZoneEdge),
            new(ZoneEdgeStraddleId, 44.9000, 5.9550, WorldLayout.ZoneEdgeStraddle),
        ];
        World = WorldBuilder.Build(new WorldSpec(locations, ScenePx: 768, AoiSizeM: 5120), Path.Combine(TestPaths.WorldCache, "worlds"));
        var dates = World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
        var csv = Path.Combine(OutDir, "..", Path.GetFileName(OutDir) + ".csv");
        await File.WriteAllTextAsync(
            csv,
            "id,lat,lon\n" + string.Concat(locations.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Id},{l.Latitude},{l.Longitude}\n"))));
        await using var server = await LocalCatalogServer.StartAsync(World, new LocalCatalogOptions());
        string[] common =
        [
            "--csv", csv, "--workers", "2",
            "--catalog", "planetary-computer",
            .. CatalogArguments.PlanetaryComputer(server),
            "--start", dates.Min().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--end", dates.Max().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--tiles", "2x2",
        ];
        Plan = await CliHarness.RunAsync(["plan", .. common, "--json"]);
        CliHarness.ForgetDownloads(server.PlanetaryComputerStacRoot);
        Build = await CliHarness.RunAsync(["build", .. common, "--out", OutDir, "--min-valid", "0.3", "--include-scl", "--include-valid", "--uncompressed"]);
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

    /// <summary>The tile files of one row.</summary>
    public IReadOnlyList<string> TileFiles(string rowId) =>
        Directory.GetFiles(OutDir, $"tile_{rowId}_*.npz").OrderBy(f => f, StringComparer.Ordinal).ToList();
}
