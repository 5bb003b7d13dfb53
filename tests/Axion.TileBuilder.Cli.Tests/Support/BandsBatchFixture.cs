using System.Globalization;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// A small world with every Sentinel-2 band (<see cref="WorldSpec.IncludeAllBands"/>: one location, 1024 px scenes, AOI 2 x 2
/// tiles) served by one local catalog, and the builds the band tests check: the seven-band list of issue 16 with bilinear in
/// the Planetary Computer and the Earth Search (<c>sentinel-2-c1-l2a</c>) profiles, 20 m and 60 m bands with nearest, 60 m
/// bands with bilinear, and cubic. Each build writes <c>--include-scl</c> and <c>--uncompressed</c> tiles.
/// </summary>
public sealed class BandsBatchFixture : IAsyncLifetime
{
    public const string RowId = "bands-row";

    /// <summary>The band list of issue 16's "done when".</summary>
    public const string SevenBands = "B02,B03,B04,B08,B05,B11,B12";

    // Paris, as in GrdBatchFixture: rivers, lakes, parcels and cloud edges in the AOI.
    public const double Latitude = 48.8566;
    public const double Longitude = 2.3522;

    private readonly FixtureFolder _folder = new("bands");

    public SyntheticWorld World { get; private set; } = null!;

    /// <summary>Planetary Computer profile, <see cref="SevenBands"/>, bilinear (the default).</summary>
    internal BandsBuild PcBilinear { get; private set; } = null!;

    /// <summary>Earth Search profile (<c>sentinel-2-c1-l2a</c>, asset keys <c>rededge1 swir16 swir22</c>), <see cref="SevenBands"/>, bilinear.</summary>
    internal BandsBuild EsBilinear { get; private set; } = null!;

    /// <summary>B05 (20 m) and B01, B09 (60 m) with nearest.</summary>
    internal BandsBuild Nearest { get; private set; } = null!;

    /// <summary>B01, B09 (60 m) and B8A (20 m) with bilinear.</summary>
    internal BandsBuild SixtyMetreBilinear { get; private set; } = null!;

    /// <summary>B07 (20 m) and B09 (60 m) with cubic.</summary>
    internal BandsBuild Cubic { get; private set; } = null!;

    /// <summary>A <c>plan --json</c> of the seven bands (Planetary Computer).</summary>
    internal CliResult Plan { get; private set; } = new(-1, string.Empty, string.Empty);

    /// <summary>The catalog's URLs and dates: the arguments every build shares, for tests that run more commands.</summary>
    internal IReadOnlyList<string> PcArguments { get; private set; } = [];

    public string Csv => _folder.File("rows.csv");

    public async Task InitializeAsync()
    {
        // The row is the world's third location: its scene C (the one the selection picks) then has processing baseline
        // 05.00 (SceneCalendar), so the local catalog also serves it as a sentinel-2-c1-l2a item for the earth-search profile.
        // The other two places are far away, outside every search of the row.
        World = WorldBuilder.Build(
            new WorldSpec(
                [new WorldLocation("far-1", 40.4168, -3.7038), new WorldLocation("far-2", 52.52, 13.405), new WorldLocation(RowId, Latitude, Longitude)],
                ScenePx: 1024,
                IncludeEarthSearchL2AVariants: false,
                AoiSizeM: 5120,
                IncludeAllBands: true),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        await File.WriteAllTextAsync(Csv, string.Create(CultureInfo.InvariantCulture, $"id,lat,lon\n{RowId},{Latitude},{Longitude}\n"));
        var dates = World.DatesOf(SceneKind.Sentinel2L2A);
        await using var server = await LocalCatalogServer.StartAsync(World, new LocalCatalogOptions());
        string[] window =
        [
            "--csv", Csv,
            "--start", dates.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--end", dates.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--include-scl", "--uncompressed", "--no-quicklooks", "--min-valid", "0.5",
        ];
        PcArguments =
        [
            .. window,
            .. CatalogArguments.PlanetaryComputer(server),
        ];
        var esProfile = _folder.File("earth-search-local.json");
        await File.WriteAllTextAsync(esProfile, ProfileLoader.ToJson(EarthSearchAt(server)));
        string[] es = [.. window, "--catalog", esProfile];

        Plan = await CliHarness.RunAsync(["plan", .. PcArguments, "--bands", SevenBands, "--json"]);
        CliHarness.ForgetDownloads(server.PlanetaryComputerStacRoot);
        PcBilinear = await RunAsync("pc-bilinear", PcArguments, "--bands", SevenBands);
        EsBilinear = await RunAsync("es-bilinear", es, "--bands", SevenBands);
        Nearest = await RunAsync("nearest", PcArguments, "--bands", "B05,B01,B09", "--resampling", "nearest");
        SixtyMetreBilinear = await RunAsync("sixty", PcArguments, "--bands", "B01,B09,B8A", "--resampling", "bilinear");
        Cubic = await RunAsync("cubic", PcArguments, "--bands", "B07,B09", "--resampling", "cubic");
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh output folder under the fixture's root.</summary>
    public string NewOutDir(string name) => _folder.NewOutDir(name);

    /// <summary>The built-in <c>earth-search</c> profile pointed at the local catalog: Sentinel-2 from its Earth Search root, Sentinel-1 RTC from its Planetary Computer root.</summary>
    internal static CatalogProfile EarthSearchAt(LocalCatalogServer server)
    {
        var es = BuiltInProfiles.EarthSearch;
        return es with
        {
            Name = "earth-search-local",
            Sentinel2 = es.Sentinel2 with { StacUrl = server.EarthSearchStacRoot.AbsoluteUri.TrimEnd('/') },
            Sentinel1 = es.Sentinel1 with
            {
                StacUrl = server.PlanetaryComputerStacRoot.AbsoluteUri.TrimEnd('/'),
                Signing = es.Sentinel1.Signing! with { TokenUrl = server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/') },
            },
        };
    }

    private Task<BandsBuild> RunAsync(string name, IReadOnlyList<string> common, params string[] extra) => _folder.BuildAsync(name, [.. common, .. extra]);
}

/// <summary>One build of <see cref="BandsBatchFixture"/>: its folder and what the command returned.</summary>
internal sealed record BandsBuild(string OutDir, CliResult Result)
{
    public IReadOnlyList<string> TileFiles() => Directory.GetFiles(OutDir, "tile_*.npz").OrderBy(f => f, StringComparer.Ordinal).ToList();
}
