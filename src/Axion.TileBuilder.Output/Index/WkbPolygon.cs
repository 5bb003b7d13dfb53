using System.Buffers.Binary;
using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Output.Index;

/// <summary>
/// A one-ring polygon as ISO/OGC Well-Known Binary, little-endian, 2D: byte order 1, geometry type 3 (Polygon),
/// ring count 1, point count, then longitude/latitude pairs as float64 (GeoParquet's <c>WKB</c> encoding).
/// </summary>
public static class WkbPolygon
{
    private const byte LittleEndian = 1;
    private const uint PolygonType = 3;

    /// <summary>The WKB of the polygon whose exterior ring is <paramref name="ring"/> (x = longitude, y = latitude).</summary>
    public static byte[] Write(IReadOnlyList<GeoPoint> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var bytes = new byte[1 + 4 + 4 + 4 + (ring.Count * 16)];
        var span = bytes.AsSpan();
        span[0] = LittleEndian;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], PolygonType);
        BinaryPrimitives.WriteUInt32LittleEndian(span[5..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[9..], (uint)ring.Count);
        var at = 13;
        foreach (var p in ring)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], p.Longitude);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 8)..], p.Latitude);
            at += 16;
        }

        return bytes;
    }

    /// <summary>The exterior ring of a WKB polygon written by <see cref="Write"/>; throws <see cref="FormatException"/> for anything else.</summary>
    public static IReadOnlyList<GeoPoint> Read(ReadOnlySpan<byte> wkb)
    {
        if (wkb.Length < 13 || wkb[0] != LittleEndian)
        {
            throw new FormatException($"Expected a little-endian WKB geometry, got {wkb.Length} bytes starting with {(wkb.Length > 0 ? wkb[0] : -1)}.");
        }

        var type = BinaryPrimitives.ReadUInt32LittleEndian(wkb[1..]);
        var rings = BinaryPrimitives.ReadUInt32LittleEndian(wkb[5..]);
        if (type != PolygonType || rings != 1)
        {
            throw new FormatException($"Expected a WKB Polygon (type 3) with one ring, got type {type} with {rings} rings.");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(wkb[9..]);
        if (wkb.Length != 13 + ((long)count * 16))
        {
            throw new FormatException($"A WKB ring of {count} points needs {13 + ((long)count * 16)} bytes, got {wkb.Length}.");
        }

        var points = new GeoPoint[count];
        for (var i = 0; i < count; i++)
        {
            var at = 13 + (i * 16);
            points[i] = new GeoPoint(BinaryPrimitives.ReadDoubleLittleEndian(wkb[at..]), BinaryPrimitives.ReadDoubleLittleEndian(wkb[(at + 8)..]));
        }

        return points;
    }
}
