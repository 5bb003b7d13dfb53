using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Lon/lat bounding boxes and footprints of UTM scene rectangles.</summary>
internal static class SceneOutline
{
    private const int EdgeSamples = 32;

    /// <summary>west, south, east, north (degrees) of the whole rectangle, from points sampled along its edges.</summary>
    public static IReadOnlyList<double> Bbox(GridPlan grid)
    {
        var w = grid.Width * 10.0;
        var h = grid.Height * 10.0;
        double west = double.MaxValue, south = double.MaxValue, east = double.MinValue, northMost = double.MinValue;
        for (var i = 0; i <= EdgeSamples; i++)
        {
            var t = (double)i / EdgeSamples;
            foreach (var (e, n) in new[]
            {
                (grid.OriginX + (t * w), grid.OriginY),
                (grid.OriginX + (t * w), grid.OriginY - h),
                (grid.OriginX, grid.OriginY - (t * h)),
                (grid.OriginX + w, grid.OriginY - (t * h)),
            })
            {
                var (lon, lat) = Utm.Inverse(e, n, grid.Zone, grid.North);
                west = Math.Min(west, lon);
                east = Math.Max(east, lon);
                south = Math.Min(south, lat);
                northMost = Math.Max(northMost, lat);
            }
        }

        return [Down(west), Down(south), Up(east), Up(northMost)];
    }

    /// <summary>Closed counter-clockwise ring of [lon, lat]: the rectangle with the wedge corner cut off.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Footprint(GridPlan grid, SwathWedge? wedge)
    {
        var w = grid.Width * 10.0;
        var h = grid.Height * 10.0;
        var x0 = grid.OriginX;
        var y0 = grid.OriginY;
        // Counter-clockwise: SW, SE, NE, NW.
        (SceneCorner Corner, double E, double N)[] corners =
        [
            (SceneCorner.SouthWest, x0, y0 - h),
            (SceneCorner.SouthEast, x0 + w, y0 - h),
            (SceneCorner.NorthEast, x0 + w, y0),
            (SceneCorner.NorthWest, x0, y0),
        ];
        List<(double E, double N)> ring = [];
        for (var i = 0; i < corners.Length; i++)
        {
            var (corner, e, n) = corners[i];
            if (wedge is null || wedge.Corner != corner)
            {
                ring.Add((e, n));
                continue;
            }

            var prev = corners[(i + 3) % 4];
            var next = corners[(i + 1) % 4];
            ring.Add(Toward(e, n, prev.E, prev.N, wedge.LegM));
            ring.Add(Toward(e, n, next.E, next.N, wedge.LegM));
        }

        ring.Add(ring[0]);
        return ring.Select(p =>
        {
            var (lon, lat) = Utm.Inverse(p.E, p.N, grid.Zone, grid.North);
            return (IReadOnlyList<double>)[Round(lon), Round(lat)];
        }).ToList();
    }

    private static (double E, double N) Toward(double e, double n, double toE, double toN, double distance)
    {
        var length = Math.Sqrt(((toE - e) * (toE - e)) + ((toN - n) * (toN - n)));
        return (e + ((toE - e) * distance / length), n + ((toN - n) * distance / length));
    }

    private static double Round(double degrees) => Math.Round(degrees, 9);

    private static double Down(double degrees) => Math.Floor(degrees * 1e9) / 1e9;

    private static double Up(double degrees) => Math.Ceiling(degrees * 1e9) / 1e9;
}
