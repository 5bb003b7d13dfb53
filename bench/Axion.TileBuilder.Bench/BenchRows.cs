using System.Globalization;
using System.Text;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Randomness;

namespace Axion.TileBuilder.Bench;

/// <summary>
/// The benchmark's rows: points on a regular grid over the world's Sentinel-2 scene whose 2 x 2-tile AOI (plus a
/// 500 m margin) lies inside the valid footprint of every Sentinel-2 and Sentinel-1 scene, taken in a fixed
/// shuffled order, so a row's windows fall anywhere on the scene's 1024-px blocks as a real location's do.
/// </summary>
internal static class BenchRows
{
    private const double HalfAoiM = 2560 + 500;

    public static IReadOnlyList<(string Id, double Lat, double Lon)> Make(SyntheticWorld world, int count)
    {
        var s2 = world.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).ToList();
        var all = world.Scenes;
        var first = s2[0];
        var (zone, north) = SceneTruth.ZoneOf(first);
        var width = first.Width10m * 10.0;
        List<(string, double, double)> candidates = [];
        for (var step = 6000.0; step >= 1000 && candidates.Count < count; step /= 1.5)
        {
            candidates.Clear();
            for (var y = first.OriginY - HalfAoiM; y - HalfAoiM > first.OriginY - width; y -= step)
            {
                for (var x = first.OriginX + HalfAoiM; x + HalfAoiM < first.OriginX + width; x += step)
                {
                    if (Corners(x, y, zone, north).All(c => all.All(s => Inside(s.FootprintLonLat, c))))
                    {
                        var (lon, lat) = Utm.Inverse(x, y, zone, north);
                        candidates.Add((string.Empty, lat, lon));
                    }
                }
            }
        }

        if (candidates.Count < count)
        {
            throw new InvalidOperationException($"only {candidates.Count} AOIs fit in the world's scenes; ask for fewer rows");
        }

        var random = new SplitMix64(166);
        return [.. candidates.OrderBy(_ => random.NextUInt64()).Take(count).Select((c, i) => (FormattableString.Invariant($"bench-{i:000}"), c.Item2, c.Item3))];
    }

    public static string ToCsv(IEnumerable<(string Id, double Lat, double Lon)> rows)
    {
        var csv = new StringBuilder("id,lat,lon\n");
        foreach (var (id, lat, lon) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},{lat:F6},{lon:F6}\n");
        }

        return csv.ToString();
    }

    private static IEnumerable<(double Lon, double Lat)> Corners(double x, double y, int zone, bool north)
    {
        foreach (var (dx, dy) in new[] { (-1, -1), (-1, 1), (1, -1), (1, 1) })
        {
            yield return Utm.Inverse(x + (dx * HalfAoiM), y + (dy * HalfAoiM), zone, north);
        }
    }

    private static bool Inside(IReadOnlyList<IReadOnlyList<double>> ring, (double Lon, double Lat) p) =>
        RingContainment.Contains([.. ring.Select(v => new GeoPoint(v[0], v[1]))], new GeoPoint(p.Lon, p.Lat));
}
