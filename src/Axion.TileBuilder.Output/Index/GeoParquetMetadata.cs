using System.Text.Json;
using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Output.Index;

/// <summary>
/// The <c>geo</c> key of <c>index.parquet</c>'s file metadata (GeoParquet 1.1.0): primary column
/// <see cref="GeometryColumn"/>, WKB encoded Polygons with counter-clockwise exterior rings, and the
/// bounding box of every footprint. No <c>crs</c> member: GeoParquet then means OGC:CRS84 (longitude/latitude
/// on WGS 84, the axis order of EPSG:4326 as GeoJSON uses it).
/// </summary>
public static class GeoParquetMetadata
{
    /// <summary>The file metadata key.</summary>
    public const string Key = "geo";

    /// <summary>The GeoParquet version written.</summary>
    public const string Version = "1.1.0";

    /// <summary>The geometry column's name.</summary>
    public const string GeometryColumn = "geometry";

    /// <summary>The covering column: a struct of <c>xmin</c>, <c>ymin</c>, <c>xmax</c>, <c>ymax</c> per tile (degrees).</summary>
    public const string BboxColumn = "bbox";

    /// <summary>The metadata JSON; <paramref name="bbox"/> is [min lon, min lat, max lon, max lat] over all tiles, null for none.</summary>
    public static string Json(double[]? bbox)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("primary_column", GeometryColumn);
            json.WriteStartObject("columns");
            json.WriteStartObject(GeometryColumn);
            json.WriteString("encoding", "WKB");
            json.WriteStartArray("geometry_types");
            json.WriteStringValue("Polygon");
            json.WriteEndArray();
            json.WriteString("orientation", "counterclockwise");
            if (bbox is not null)
            {
                json.WriteStartArray("bbox");
                foreach (var v in bbox)
                {
                    json.WriteNumberValue(v);
                }

                json.WriteEndArray();
            }

            json.WriteStartObject("covering");
            json.WriteStartObject(BboxColumn);
            foreach (var part in (string[])["xmin", "ymin", "xmax", "ymax"])
            {
                json.WriteStartArray(part);
                json.WriteStringValue(BboxColumn);
                json.WriteStringValue(part);
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>[min lon, min lat, max lon, max lat] of <paramref name="ring"/>.</summary>
    internal static (double MinX, double MinY, double MaxX, double MaxY) Extent(IReadOnlyList<GeoPoint> ring)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var p in ring)
        {
            minX = Math.Min(minX, p.Longitude);
            minY = Math.Min(minY, p.Latitude);
            maxX = Math.Max(maxX, p.Longitude);
            maxY = Math.Max(maxY, p.Latitude);
        }

        return (minX, minY, maxX, maxY);
    }
}
