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
    private LocalCatalogHost(SyntheticWorld world, LocalCatalogServer server)
    {
        World = world;
        Server = server;
    }

    public SyntheticWorld World { get; }

    public LocalCatalogServer Server { get; }

    /// <summary>First and last day with a Sentinel-2 scene: the date window the demo uses.</summary>
    public (DateOnly Start, DateOnly End) DateSpan
    {
        get
        {
            var dates = World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
            return (dates.Min(), dates.Max());
        }
    }

    public static async Task<LocalCatalogHost> StartAsync(
        string csvPath,
        int scenePx,
        string? cacheDir,
        LocalCatalogOptions options,
        ILogger log,
        CancellationToken cancellationToken)
    {
        var locations = ReadLocations(csvPath);
        var cache = cacheDir ?? CacheDirectory.Worlds();
        log.Information("Local catalog: preparing synthetic scenes for {Count} locations ({Px} px) in {Cache}", locations.Count, scenePx, cache);
        var progress = new Progress<string>(m => log.Debug("world: {Message}", m));
        var world = await Task.Run(() => WorldBuilder.Build(new WorldSpec(locations, scenePx), cache, progress, cancellationToken), cancellationToken);
        var server = await LocalCatalogServer.StartAsync(world, options, cancellationToken);
        log.Information("Local catalog: STAC API at {Url} ({Scenes} scenes)", server.PlanetaryComputerStacRoot, world.Scenes.Count);
        return new LocalCatalogHost(world, server);
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

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    private static List<WorldLocation> ReadLocations(string csvPath) =>
        LocationCsvFile.Read(csvPath).Parse.Rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList();
}
