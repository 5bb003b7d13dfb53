using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// An <c>intersects</c> geometry reduced to what the search needs: points and polygon outer rings
/// ([lon, lat], planar in degrees; holes are ignored, the antimeridian is not handled).
/// Supported: Point, MultiPoint, Polygon, MultiPolygon.
/// </summary>
internal sealed class GeoShape
{
    private readonly List<(double X, double Y)> _points = [];
    private readonly List<(double X, double Y)[]> _rings = [];

    private GeoShape()
    {
    }

    public static GeoShape Parse(JsonNode? node)
    {
        if (node is not JsonObject geometry || geometry["type"]?.GetValue<string>() is not { } type)
        {
            throw new StacRequestException("intersects must be a GeoJSON geometry object with a 'type'.");
        }

        var shape = new GeoShape();
        var coordinates = geometry["coordinates"];
        try
        {
            switch (type)
            {
                case "Point":
                    shape._points.Add(Position(coordinates));
                    break;
                case "MultiPoint":
                    shape._points.AddRange(((JsonArray)coordinates!).Select(Position));
                    break;
                case "Polygon":
                    shape._rings.Add(Ring(((JsonArray)coordinates!)[0]));
                    break;
                case "MultiPolygon":
                    shape._rings.AddRange(((JsonArray)coordinates!).Select(p => Ring(((JsonArray)p!)[0])));
                    break;
                default:
                    throw new StacRequestException($"intersects geometry type '{type}' is not supported (Point, MultiPoint, Polygon, MultiPolygon).");
            }
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or NullReferenceException
            or ArgumentOutOfRangeException or FormatException)
        {
            throw new StacRequestException($"intersects {type} has invalid coordinates: {e.Message}");
        }

        return shape;
    }

    /// <summary>True when the shape touches or overlaps the closed footprint ring.</summary>
    public bool Intersects(IReadOnlyList<IReadOnlyList<double>> footprint)
    {
        var ring = footprint.Select(p => (p[0], p[1])).ToArray();
        foreach (var point in _points)
        {
            if (Contains(ring, point))
            {
                return true;
            }
        }

        foreach (var other in _rings)
        {
            if (RingsIntersect(ring, other))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Contains((double X, double Y)[] ring, (double X, double Y) p)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var a = ring[i];
            var b = ring[j];
            if (SegmentsIntersect(a, b, p, p))
            {
                return true;
            }

            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < a.X + ((p.Y - a.Y) / (b.Y - a.Y) * (b.X - a.X)))
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private static bool RingsIntersect((double X, double Y)[] a, (double X, double Y)[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var a1 = a[i];
            var a2 = a[(i + 1) % a.Length];
            for (var j = 0; j < b.Length; j++)
            {
                if (SegmentsIntersect(a1, a2, b[j], b[(j + 1) % b.Length]))
                {
                    return true;
                }
            }
        }

        return (a.Length > 0 && Contains(b, a[0])) || (b.Length > 0 && Contains(a, b[0]));
    }

    private static bool SegmentsIntersect((double X, double Y) p1, (double X, double Y) p2, (double X, double Y) q1, (double X, double Y) q2)
    {
        var d1 = Cross(q1, q2, p1);
        var d2 = Cross(q1, q2, p2);
        var d3 = Cross(p1, p2, q1);
        var d4 = Cross(p1, p2, q2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(q1, q2, p1)) || (d2 == 0 && OnSegment(q1, q2, p2))
            || (d3 == 0 && OnSegment(p1, p2, q1)) || (d4 == 0 && OnSegment(p1, p2, q2));
    }

    private static double Cross((double X, double Y) a, (double X, double Y) b, (double X, double Y) c) =>
        ((b.X - a.X) * (c.Y - a.Y)) - ((b.Y - a.Y) * (c.X - a.X));

    private static bool OnSegment((double X, double Y) a, (double X, double Y) b, (double X, double Y) p) =>
        p.X >= Math.Min(a.X, b.X) && p.X <= Math.Max(a.X, b.X) && p.Y >= Math.Min(a.Y, b.Y) && p.Y <= Math.Max(a.Y, b.Y);

    private static (double X, double Y) Position(JsonNode? node)
    {
        var array = (JsonArray)node!;
        return (array[0]!.GetValue<double>(), array[1]!.GetValue<double>());
    }

    private static (double X, double Y)[] Ring(JsonNode? node) => [.. ((JsonArray)node!).Select(Position)];
}
