using System.Globalization;
using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Output.Index;

/// <summary>Invariant-culture text forms of index values (shared by the CSV writer and reader).</summary>
internal static class IndexValueFormat
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>Shortest round-trip form, e.g. <c>399960</c>, <c>0.125</c>.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC with a <c>Z</c>, e.g. <c>2024-06-01T10:20:31.024Z</c>.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A day as <c>yyyy-MM-dd</c>; empty for null.</summary>
    public static string Day(DateOnly? value) => value is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Reads a <c>yyyy-MM-dd</c> day.</summary>
    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDate(string text)
        => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static double ParseNumber(string text)
        => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static int ParseInteger(string text)
        => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>Item ids joined with <c>;</c>; empty when null.</summary>
    public static string Ids(IReadOnlyList<string>? ids) => ids is null ? string.Empty : string.Join(';', ids);

    /// <summary><c>POLYGON ((lon lat, lon lat, ...))</c>.</summary>
    public static string Wkt(IReadOnlyList<GeoPoint> ring)
        => "POLYGON ((" + string.Join(", ", ring.Select(p => Number(p.Longitude) + " " + Number(p.Latitude))) + "))";

    public static List<GeoPoint> ParseWkt(string text)
    {
        var trimmed = text.Trim();
        const string Prefix = "POLYGON";
        if (!trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Expected a WKT POLYGON, got '{text}'.");
        }

        var body = trimmed[Prefix.Length..].Trim();
        if (!body.StartsWith("((", StringComparison.Ordinal) || !body.EndsWith("))", StringComparison.Ordinal))
        {
            throw new FormatException($"Expected 'POLYGON ((lon lat, ...))', got '{text}'.");
        }

        var points = new List<GeoPoint>();
        foreach (var pair in body[2..^2].Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new FormatException($"Expected 'lon lat' in the WKT ring, got '{pair}'.");
            }

            points.Add(new GeoPoint(ParseNumber(parts[0]), ParseNumber(parts[1])));
        }

        return points;
    }
}
