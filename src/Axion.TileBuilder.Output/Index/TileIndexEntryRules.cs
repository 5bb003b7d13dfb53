using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Output.Index;

/// <summary>What every index entry must satisfy before it is written (the one check shared by the CSV, GeoJSON and GeoParquet writers).</summary>
internal static class TileIndexEntryRules
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the tile when <paramref name="e"/> has an empty id, a bad ring or non-finite numbers.</summary>
    public static void Check(TileIndexEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (string.IsNullOrWhiteSpace(e.TileId))
        {
            throw new ArgumentException("A tile index entry has an empty TileId.", nameof(e));
        }

        var ring = e.Footprint ?? throw new ArgumentException($"Tile '{e.TileId}' has no footprint.", nameof(e));
        if (ring.Count < 4)
        {
            throw new ArgumentException($"Tile '{e.TileId}': the footprint ring has {ring.Count} points; a closed ring needs at least 4.", nameof(e));
        }

        if (ring[0] != ring[^1])
        {
            throw new ArgumentException($"Tile '{e.TileId}': the footprint ring is not closed (first {ring[0]}, last {ring[^1]}).", nameof(e));
        }

        foreach (var p in ring)
        {
            if (!double.IsFinite(p.Longitude) || !double.IsFinite(p.Latitude) || Math.Abs(p.Latitude) > 90 || Math.Abs(p.Longitude) > 180)
            {
                throw new ArgumentException($"Tile '{e.TileId}': footprint point {p} is not a valid longitude/latitude.", nameof(e));
            }
        }

        if (!double.IsFinite(e.Bounds.MinX) || !double.IsFinite(e.Bounds.MinY) || !double.IsFinite(e.Bounds.MaxX) || !double.IsFinite(e.Bounds.MaxY))
        {
            throw new ArgumentException($"Tile '{e.TileId}': bounds {e.Bounds} are not finite.", nameof(e));
        }

        if (!double.IsFinite(e.CloudFractionAoi) || !double.IsFinite(e.ValidFraction) || (e.DeltaDays is { } d && !double.IsFinite(d)))
        {
            throw new ArgumentException($"Tile '{e.TileId}': fractions and delta days must be finite numbers.", nameof(e));
        }
    }

    /// <summary>The ring with its exterior counter-clockwise (RFC 7946 and GeoParquet's <c>orientation</c>), by the sign of its shoelace area.</summary>
    public static IReadOnlyList<GeoPoint> CounterClockwise(IReadOnlyList<GeoPoint> ring)
    {
        var twiceArea = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            twiceArea += (ring[i].Longitude * ring[i + 1].Latitude) - (ring[i + 1].Longitude * ring[i].Latitude);
        }

        return twiceArea < 0 ? ring.Reverse().ToList() : ring;
    }
}
