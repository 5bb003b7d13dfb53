using System.Globalization;
using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Small formatting helpers shared by the item factories.</summary>
internal static class StacFormat
{
    /// <summary>RFC 3339 UTC with microseconds, as both catalogs write <c>datetime</c>: <c>2025-03-12T01:45:49.024000Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>PC RTC's non-RFC 3339 form: <c>2025-03-11 04:42:49.673729+00:00</c>.</summary>
    public static string SpacedTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>Compact sensing time used in product names: <c>20250312T014549</c>.</summary>
    public static string Compact(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Seconds-resolution RFC 3339 UTC: <c>2021-04-08T18:49:29Z</c>.</summary>
    public static string Seconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString value) => FormattableString.Invariant(value);

    public static JsonArray Numbers(params IEnumerable<double> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    public static JsonArray Integers(params IEnumerable<long> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    public static JsonArray Strings(params IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    public static JsonObject Link(string rel, string href, string? type = null, string? title = null)
    {
        var link = new JsonObject { ["rel"] = rel };
        if (type is not null)
        {
            link["type"] = type;
        }

        link["href"] = href;
        if (title is not null)
        {
            link["title"] = title;
        }

        return link;
    }

    public static JsonObject Polygon(IReadOnlyList<IReadOnlyList<double>> ring)
    {
        var coordinates = new JsonArray();
        foreach (var point in ring)
        {
            coordinates.Add(Numbers(point));
        }

        return new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(coordinates) };
    }

    /// <summary>STAC <c>raster:bands</c> data type name for a GDAL type name (<c>UInt16</c> -> <c>uint16</c>).</summary>
    public static string RasterDataType(string gdalType) => gdalType.ToUpperInvariant() switch
    {
        "BYTE" => "uint8",
        "UINT16" => "uint16",
        "INT16" => "int16",
        "UINT32" => "uint32",
        "INT32" => "int32",
        "FLOAT32" => "float32",
        "FLOAT64" => "float64",
        _ => gdalType.ToLowerInvariant(),
    };

    /// <summary>A stable pseudo-random number in [0, 1) from a text (FNV-1a), for synthesised metadata.</summary>
    public static double Unit(string text, string salt)
    {
        var hash = 2166136261u;
        foreach (var c in salt + "|" + text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (hash % 1_000_000u) / 1_000_000.0;
    }
}
