using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Bench;

/// <summary>The synthetic world a benchmark runs against: generated once per CSV and scene size, then cached.</summary>
internal static class BenchWorld
{
    /// <summary>The world of <paramref name="worldCsv"/> with <paramref name="scenePx"/>-pixel scenes, from the cache (as the CLI's).</summary>
    /// <param name="worldCsv">CSV of the world's location(s).</param>
    /// <param name="scenePx">Scene side, 10 m pixels.</param>
    /// <param name="cacheDir">Cache folder; null: $AXION_CACHE_DIR/worlds or ~/.cache/axion-tiles/worlds.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="ct">Stops the generation.</param>
    public static SyntheticWorld Load(string worldCsv, int scenePx, string? cacheDir, TextWriter log, CancellationToken ct)
    {
        var rows = LocationCsvParser.Parse(new StringReader(File.ReadAllText(worldCsv)), worldCsv).Rows;
        var spec = new WorldSpec([.. rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude))], scenePx);
        var env = Environment.GetEnvironmentVariable("AXION_CACHE_DIR");
        var cache = cacheDir
            ?? (string.IsNullOrEmpty(env)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "axion-tiles", "worlds")
                : Path.Combine(env, "worlds"));
        log.WriteLine($"world: {scenePx} px scenes for {worldCsv} in {cache} (generated once, then cached; about 10-30 min per location on 2 cores)");
        return WorldBuilder.Build(spec, cache, new Progress<string>(log.WriteLine), ct);
    }
}
