using System.Globalization;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// A small world of a year of scenes per place (<see cref="WorldLayout.Seasons"/>: a clear and an overcast Sentinel-2 scene in
/// every quarter of 2023, pixels that differ by date) with every band, served by one local catalog, and the builds the time
/// series tests check: <c>--bands</c> of issue 16 with <c>--timesteps 4</c> over 2023 in the Planetary Computer and the Earth
/// Search flavours. Rows: <see cref="SeasonsRow"/> (a clear scene in every part), <see cref="GapRow"/>
/// (<see cref="WorldLayout.SeasonsWithGap"/>: none in the third part) and <see cref="ShortRow"/> (a window of two days: fewer
/// days than timesteps). The builds keep three timesteps of four (<c>--min-timesteps 3</c>) unless named otherwise.
/// </summary>
public sealed class TimeSeriesBatchFixture : IAsyncLifetime
{
    public const string SeasonsRow = "seasons";
    public const string GapRow = "gap";
    public const string ShortRow = "short";
    public const string SevenBands = BandsBatchFixture.SevenBands;

    /// <summary>The date window of the builds: one year, cut into four seasons.</summary>
    public static readonly (DateOnly Start, DateOnly End) Year = (new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31));

    private readonly FixtureFolder _folder = new("timeseries");

    public SyntheticWorld World { get; private set; } = null!;

    /// <summary>Planetary Computer, <see cref="SevenBands"/>, <c>--timesteps 4 --min-timesteps 3</c>, quicklooks on.</summary>
    internal BandsBuild Pc { get; private set; } = null!;

    /// <summary>Earth Search (<c>sentinel-2-c1-l2a</c>), <see cref="SevenBands"/>, <c>--timesteps 4 --min-timesteps 3</c>.</summary>
    internal BandsBuild Es { get; private set; } = null!;

    /// <summary>Planetary Computer, <c>--timesteps 4</c> and every timestep required (the default).</summary>
    internal BandsBuild AllRequired { get; private set; } = null!;

    /// <summary>A <c>plan --json</c> with the arguments of <see cref="Pc"/>.</summary>
    internal CliResult Plan { get; private set; } = new(-1, string.Empty, string.Empty);

    /// <summary>The arguments of <see cref="Pc"/> without <c>--out</c>, for tests that run it again.</summary>
    internal IReadOnlyList<string> PcArguments { get; private set; } = [];

    /// <summary>The locations CSV of every build.</summary>
    public string Csv => _folder.File("rows.csv");

    public async Task InitializeAsync()
    {
        World = WorldBuilder.Build(
            new WorldSpec(
                [new WorldLocation(SeasonsRow, 48.8566, 2.3522, WorldLayout.Seasons), new WorldLocation(GapRow, 40.4168, -3.7038, WorldLayout.SeasonsWithGap)],
                ScenePx: 1024,
                IncludeEarthSearchL2AVariants: false,
                AoiSizeM: 5120,
                IncludeAllBands: true),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        await File.WriteAllTextAsync(Csv, string.Create(
            CultureInfo.InvariantCulture,
            $"id,lat,lon,start,end\n{SeasonsRow},48.8566,2.3522,,\n{GapRow},40.4168,-3.7038,,\n{ShortRow},10.0,10.0,2023-06-01,2023-06-02\n"));
        await using var server = await StartCatalogAsync(new LocalCatalogOptions());
        PcArguments = [.. Common(), .. CatalogArguments.PlanetaryComputer(server), "--min-timesteps", "3"];
        Plan = await CliHarness.RunAsync(["plan", .. PcArguments, "--json"]);
        CliHarness.ForgetDownloads(server.PlanetaryComputerStacRoot);
        Pc = await _folder.BuildAsync("pc", PcArguments);
        var esProfile = _folder.File("earth-search-local.json");
        await File.WriteAllTextAsync(esProfile, ProfileLoader.ToJson(BandsBatchFixture.EarthSearchAt(server)));
        Es = await _folder.BuildAsync("es", [.. Common(), "--catalog", esProfile, "--min-timesteps", "3", "--no-quicklooks"]);
        AllRequired = await _folder.BuildAsync("all-required", [.. Common(), .. CatalogArguments.PlanetaryComputer(server), "--no-quicklooks"]);
    }

    /// <summary>A local catalog of the fixture's world with <paramref name="options"/>.</summary>
    public Task<LocalCatalogServer> StartCatalogAsync(LocalCatalogOptions options) => LocalCatalogServer.StartAsync(World, options);

    /// <summary>What every build shares: the CSV (<see cref="Csv"/> unless given), the year, four timesteps, the seven bands, SCL in the tiles, uncompressed.</summary>
    public IReadOnlyList<string> Common(string? csv = null) =>
    [
        "--csv", csv ?? Csv,
        "--start", Year.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--end", Year.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--timesteps", "4", "--bands", SevenBands,
        "--include-scl", "--uncompressed", "--min-valid", "0.5",
    ];

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh output folder under the fixture's root.</summary>
    public string NewOutDir(string name) => _folder.NewOutDir(name);
}
