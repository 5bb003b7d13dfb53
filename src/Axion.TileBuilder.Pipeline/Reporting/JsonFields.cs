using System.Globalization;
using System.Text.Json;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>Lenient reads of a journal row's decisions JSON: a missing field, or one of another type, is null.</summary>
internal static class JsonFields
{
    /// <summary>The property <paramref name="name"/> of an object; <c>default</c> (undefined) when absent or not an object.</summary>
    public static JsonElement Child(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static string? Text(JsonElement e, string name) =>
        Child(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static double? Number(JsonElement e, string name) =>
        Child(e, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    public static int? Int(JsonElement e, string name) =>
        Child(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : null;

    /// <summary>A timestamp (UTC); a value without an offset is taken as UTC.</summary>
    public static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;
}
