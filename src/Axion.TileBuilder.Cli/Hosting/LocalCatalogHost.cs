using System.Globalization;
using System.Text;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Profiles;
using Serilog;

namespace Axion.TileBuilder.Cli.Hosting;

/// <summary>
/// The local catalog started in-process: the synthetic world for a locations CSV (generated or
/// taken from the cache) behind the loopback STAC server.
/// </summary>
internal sealed class LocalCatalogHost : IAsyncDisposable
{
    /// <summary>Whether the world is one of seasons (<see cref="WorldLayout.Seasons"/>), whose demo window is whole years.</summary>
    private readonly bool _seasons;

    private LocalCatalogHost(SyntheticWorld world, LocalCatalogServer server, bool seasons)
    {
        World = world;
        Server = server;
        _seasons = seasons;
    }

    public SyntheticWorld World { get; }

    public LocalCatalogServer Server { get; }

    /// <summary>
    /// The date window the demo uses: the first and last day with a Sentinel-2 scene, or for a world of seasons the whole
    /// calendar years they fall in (so <c>--timesteps 4</c> cuts it into the quarters the scenes are planned in).
    /// </summary>
    public SceneDateSpan DateSpan
    {
        get
        {
            var span = World.DatesOf(SceneKind.Sentinel2L2A);
            return _seasons ? new SceneDateSpan(new DateOnly(span.First.Year, 1, 1), new DateOnly(span.Last.Year, 12, 31)) : span;
        }
    }

    /// <summary>Generates (or takes from the cache) the world of the CSV's locations and starts the server on it.</summary>
    /// <param name="csvPath">The locations CSV.</param>
    /// <param name="scenePx">Scene side, 10 m pixels.</param>
    /// <param name="cacheDir">World cache folder; null for the default.</param>
    /// <param name="options">Server options (faults, latency).</param>
    /// <param name="log">Logger.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <param name="allBands">Also give the scenes the 20 m and 60 m bands (<see cref="WorldSpec.IncludeAllBands"/>: another world, generated once).</param>
    /// <param name="seasons">Give every place a year of scenes instead of a few weeks (<see cref="WorldLayout.Seasons"/>: a clear and an overcast scene per quarter of 2023, for <c>--timesteps</c>; another world).</param>
    public static async Task<LocalCatalogHost> StartAsync(
        string csvPath,
        int scenePx,
        string? cacheDir,
        LocalCatalogOptions options,
        ILogger log,
        CancellationToken cancellationToken,
        bool allBands = false,
        bool seasons = false)
    {
        var locations = ReadLocations(csvPath, seasons ? WorldLayout.Seasons : WorldLayout.Normal);
        var cache = cacheDir ?? CacheDirectory.Worlds();
        log.Information("Local catalog: preparing synthetic scenes for {Count} locations ({Px} px) in {Cache}", locations.Count, scenePx, cache);
        var progress = new Progress<string>(m => log.Debug("world: {Message}", m));
        var world = await Task.Run(() => WorldBuilder.Build(new WorldSpec(locations, scenePx, IncludeAllBands: allBands), cache, progress, cancellationToken), cancellationToken);
        var server = await LocalCatalogServer.StartAsync(world, options, cancellationToken);
        log.Information("Local catalog: STAC API at {Url} ({Scenes} scenes)", server.PlanetaryComputerStacRoot, world.Scenes.Count);
        return new LocalCatalogHost(world, server, seasons);
    }

    /// <summary>
    /// Points a profile at this server: Planetary Computer collections at its PC root with its token
    /// endpoint, Earth Search collections at its Earth Search root.
    /// </summary>
    public CatalogProfile ApplyTo(CatalogProfile profile)
    {
        SourceProfile Point(SourceProfile source)
        {
            var earthSearch = source.Flavor.StartsWith("earth-search", StringComparison.Ordinal);
            var root = earthSearch ? Server.EarthSearchStacRoot : Server.PlanetaryComputerStacRoot;
            var signing = source.Signing is { Method: "planetary-computer" } s
                ? s with { TokenUrl = Server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/') }
                : source.Signing;
            return source with { StacUrl = root.AbsoluteUri.TrimEnd('/'), Signing = signing };
        }

        return profile with { Sentinel2 = Point(profile.Sentinel2), Sentinel1 = Point(profile.Sentinel1) };
    }

    /// <summary>
    /// The arguments of a <c>build</c> (without the program name) that runs <paramref name="csvPath"/> against this
    /// server in the Planetary Computer flavour over <see cref="DateSpan"/>: the default window (the last 365 days)
    /// would find none of the world's scenes.
    /// </summary>
    public IReadOnlyList<string> BuildArguments(string csvPath, string outDir)
    {
        var (start, end) = DateSpan;
        return
        [
            "build", "--csv", csvPath, "--out", outDir,
            "--catalog", BuiltInProfiles.PlanetaryComputer.Name,
            "--stac-url", Server.PlanetaryComputerStacRoot.AbsoluteUri.TrimEnd('/'),
            "--token-url", Server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/'),
            "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>One line for people: how many scenes of each mission and the days they span.</summary>
    public string DescribeScenes()
    {
        string Part(string name, IReadOnlyCollection<SyntheticScene> scenes) =>
            SceneDateSpan.Of(scenes) is { } span
                ? string.Create(CultureInfo.InvariantCulture, $"{scenes.Count} {name} from {span.First:yyyy-MM-dd} to {span.Last:yyyy-MM-dd}")
                : $"no {name}";

        var s2 = World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).ToList();
        var s1 = World.Scenes.Where(s => s.Kind != SceneKind.Sentinel2L2A).ToList();
        return $"scenes: {Part("Sentinel-2", s2)}, {Part("Sentinel-1", s1)}";
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    private static List<WorldLocation> ReadLocations(string csvPath, WorldLayout layout) =>
        LocationCsvFile.Read(csvPath).Parse.Rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude, layout)).ToList();
}
