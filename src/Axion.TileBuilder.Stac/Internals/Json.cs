using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Axion.TileBuilder.Stac.Internals;

/// <summary>Lenient readers for catalog JSON: wrong kinds read as "absent", never throw.</summary>
internal static class Json
{
    /// <summary>Serializer options for request bodies: no HTML escaping (<c>&lt;=</c> stays readable for CQL2).</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonElement? Member(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(JsonElement obj, string name) =>
        Member(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static double? Double(JsonElement obj, string name) => Member(obj, name) is { } v ? AsDouble(v) : null;

    public static int? Int(JsonElement obj, string name) => Member(obj, name) is { } v ? AsInt(v) : null;

    public static long? Long(JsonElement obj, string name) =>
        Member(obj, name) is { } v && AsDouble(v) is { } d && d >= long.MinValue && d <= long.MaxValue && Math.Floor(d) == d ? (long)d : null;

    public static bool? Bool(JsonElement obj, string name) => Member(obj, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString(), out var b) => b,
        _ => null,
    };

    /// <summary>A number, or a numeric string including <c>nan</c>, <c>inf</c>, <c>-inf</c> (raster nodata).</summary>
    public static double? AsDouble(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out var d) ? d : null;
            case JsonValueKind.String:
                var s = value.GetString()?.Trim();
                if (string.IsNullOrEmpty(s))
                {
                    return null;
                }

                switch (s.ToLowerInvariant())
                {
                    case "nan":
                        return double.NaN;
                    case "inf" or "+inf" or "infinity":
                        return double.PositiveInfinity;
                    case "-inf" or "-infinity":
                        return double.NegativeInfinity;
                    default:
                        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
                }

            default:
                return null;
        }
    }

    public static int? AsInt(JsonElement value) =>
        AsDouble(value) is { } d && !double.IsNaN(d) && d >= int.MinValue && d <= int.MaxValue && Math.Floor(d) == d ? (int)d : null;

    public static double[]? DoubleArray(JsonElement obj, string name)
    {
        if (Member(obj, name) is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var result = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (AsDouble(element) is not { } d)
            {
                return null;
            }

            result[i++] = d;
        }

        return result;
    }

    public static int[]? IntArray(JsonElement obj, string name)
    {
        if (Member(obj, name) is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var result = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (AsInt(element) is not { } v)
            {
                return null;
            }

            result[i++] = v;
        }

        return result;
    }

    public static IReadOnlyList<string> StringList(JsonElement obj, string name)
    {
        if (Member(obj, name) is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var result = new List<string>(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String && element.GetString() is { } s)
            {
                result.Add(s);
            }
        }

        return result;
    }

    /// <summary><c>proj:epsg</c> (integer) or <c>proj:code</c> (<c>"EPSG:32633"</c>) on an object.</summary>
    public static int? Epsg(JsonElement obj)
    {
        if (Int(obj, "proj:epsg") is { } epsg)
        {
            return epsg;
        }

        var code = String(obj, "proj:code");
        if (code is not null && code.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(code.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return null;
    }
}
