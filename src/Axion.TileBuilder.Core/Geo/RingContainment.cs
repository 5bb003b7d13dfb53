namespace Axion.TileBuilder.Geo;

/// <summary>Point-in-polygon for WGS 84 rings treated as planar in degrees (good enough for scene footprints).</summary>
public static class RingContainment
{
    /// <summary>
    /// True when the point is inside the closed ring (even-odd rule; points on an edge count as
    /// inside). The ring may or may not repeat its first vertex at the end.
    /// </summary>
    public static bool Contains(IReadOnlyList<GeoPoint> ring, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var n = ring.Count;
        if (n < 3)
        {
            return false;
        }

        var inside = false;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            var a = ring[i];
            var b = ring[j];
            if (OnSegment(a, b, point))
            {
                return true;
            }

            if ((a.Latitude > point.Latitude) != (b.Latitude > point.Latitude))
            {
                var x = a.Longitude + ((point.Latitude - a.Latitude) / (b.Latitude - a.Latitude) * (b.Longitude - a.Longitude));
                if (point.Longitude < x)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>True when the point is inside any of the rings (each ring an outer boundary).</summary>
    public static bool ContainsInAny(IReadOnlyList<IReadOnlyList<GeoPoint>> rings, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(rings);
        foreach (var ring in rings)
        {
            if (Contains(ring, point))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OnSegment(GeoPoint a, GeoPoint b, GeoPoint p)
    {
        const double Tolerance = 1e-12;
        var cross = ((b.Longitude - a.Longitude) * (p.Latitude - a.Latitude)) - ((b.Latitude - a.Latitude) * (p.Longitude - a.Longitude));
        if (Math.Abs(cross) > Tolerance)
        {
            return false;
        }

        return p.Longitude >= Math.Min(a.Longitude, b.Longitude) - Tolerance
            && p.Longitude <= Math.Max(a.Longitude, b.Longitude) + Tolerance
            && p.Latitude >= Math.Min(a.Latitude, b.Latitude) - Tolerance
            && p.Latitude <= Math.Max(a.Latitude, b.Latitude) + Tolerance;
    }
}
