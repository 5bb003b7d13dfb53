using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// The STAC <c>query</c> extension: <c>{"eo:cloud_cover": {"lt": 20}}</c> with operators
/// <c>eq neq lt lte gt gte startsWith endsWith contains in</c>. Unknown operators are a 400.
/// </summary>
internal static class QueryExtension
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "eq", "neq", "lt", "lte", "gt", "gte", "startsWith", "endsWith", "contains", "in",
    };

    public static void Validate(JsonObject query)
    {
        foreach (var (field, condition) in query)
        {
            if (condition is not JsonObject ops)
            {
                throw new StacRequestException($"query.{field} must be an object of operators, got {condition?.ToJsonString() ?? "null"}.");
            }

            foreach (var (op, _) in ops)
            {
                if (!Operators.Contains(op))
                {
                    throw new StacRequestException($"query.{field}: unknown operator '{op}' (expected one of {string.Join(", ", Operators)}).");
                }
            }
        }
    }

    public static bool Matches(CatalogItem item, JsonObject query)
    {
        foreach (var (field, condition) in query)
        {
            var value = PropertyValues.Resolve(item, field);
            foreach (var (op, operand) in (JsonObject)condition!)
            {
                if (!Test(value, op, operand))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Test(JsonNode? value, string op, JsonNode? operand)
    {
        if (value is null)
        {
            return op == "neq";
        }

        switch (op)
        {
            case "in":
                return operand is JsonArray options && options.Any(o => PropertyValues.Compare(value, o) == 0);
            case "startsWith" or "endsWith" or "contains":
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                var needle = operand is JsonValue n && n.TryGetValue<string>(out var t) ? t : null;
                if (text is null || needle is null)
                {
                    return false;
                }

                return op switch
                {
                    "startsWith" => text.StartsWith(needle, StringComparison.Ordinal),
                    "endsWith" => text.EndsWith(needle, StringComparison.Ordinal),
                    _ => text.Contains(needle, StringComparison.Ordinal),
                };
            default:
                var order = PropertyValues.Compare(value, operand);
                return op switch
                {
                    "eq" => order == 0,
                    "neq" => order != 0,
                    "lt" => order < 0,
                    "lte" => order <= 0,
                    "gt" => order > 0,
                    "gte" => order >= 0,
                    _ => false,
                };
        }
    }
}
