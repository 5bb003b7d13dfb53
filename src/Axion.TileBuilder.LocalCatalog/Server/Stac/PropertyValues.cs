using System.Text.Json;
using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Reads item fields by name and compares JSON values the way the search extensions do.</summary>
internal static class PropertyValues
{
    /// <summary>
    /// The value of a field: <c>id</c>, <c>collection</c>, or a property (with or without the
    /// <c>properties.</c> prefix). Null when missing.
    /// </summary>
    public static JsonNode? Resolve(CatalogItem item, string field)
    {
        var name = SearchRequestParser.StripProperties(field);
        return name switch
        {
            "id" => JsonValue.Create(item.Id),
            "collection" => JsonValue.Create(item.Collection),
            _ => item.Properties[name],
        };
    }

    /// <summary>
    /// Compares two values: numbers numerically, timestamps (strings or <c>{"timestamp": ...}</c>) as
    /// instants when both sides are timestamps, other strings ordinally, booleans by value.
    /// Null when the values are not comparable (missing, different kinds).
    /// </summary>
    public static int? Compare(JsonNode? left, JsonNode? right)
    {
        left = Unwrap(left);
        right = Unwrap(right);
        if (left is not JsonValue a || right is not JsonValue b)
        {
            return null;
        }

        if (IsNumber(a, out var x) && IsNumber(b, out var y))
        {
            return x.CompareTo(y);
        }

        if (a.TryGetValue<string>(out var s) && b.TryGetValue<string>(out var t))
        {
            if (LooksLikeTimestamp(s) && LooksLikeTimestamp(t)
                && DatetimeInterval.TryParseTimestamp(s, out var ts) && DatetimeInterval.TryParseTimestamp(t, out var tt))
            {
                return ts.CompareTo(tt);
            }

            return string.CompareOrdinal(s, t);
        }

        if (a.TryGetValue<bool>(out var p) && b.TryGetValue<bool>(out var q))
        {
            return p.CompareTo(q);
        }

        return null;
    }

    /// <summary>Orders two values for <c>sortby</c>; missing values sort after present ones.</summary>
    public static int SortCompare(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return (left is null ? 1 : 0) - (right is null ? 1 : 0);
        }

        return Compare(left, right) ?? string.CompareOrdinal(left.ToJsonString(), right.ToJsonString());
    }

    private static JsonNode? Unwrap(JsonNode? node) =>
        node is JsonObject wrapper && (wrapper["timestamp"] ?? wrapper["date"]) is { } inner ? inner : node;

    private static bool IsNumber(JsonValue value, out double number)
    {
        number = 0;
        return value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out number);
    }

    private static bool LooksLikeTimestamp(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-';
}
