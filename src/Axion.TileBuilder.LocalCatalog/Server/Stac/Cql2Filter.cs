using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// A CQL2-JSON filter: logical <c>and or not</c>, comparisons <c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>,
/// <c>isNull</c>, <c>in</c>, <c>between</c>, <c>s_intersects</c> (against the footprint) over
/// <c>{"property": ...}</c> operands and literals (numbers, strings, <c>{"timestamp": ...}</c>).
/// </summary>
internal sealed class Cql2Filter
{
    public static readonly IReadOnlyList<string> SupportedOperators =
        ["and", "or", "not", "=", "<>", "!=", "<", "<=", ">", ">=", "isNull", "in", "between", "s_intersects"];

    private readonly JsonObject _root;

    private Cql2Filter(JsonObject root) => _root = root;

    /// <summary>Parses and checks the whole tree; throws <see cref="Cql2UnknownOperatorException"/> for unknown operators.</summary>
    public static Cql2Filter Parse(JsonNode? node)
    {
        if (node is not JsonObject root)
        {
            throw new StacRequestException("filter must be a CQL2-JSON object.");
        }

        Check(root);
        return new Cql2Filter(root);
    }

    public bool Matches(CatalogItem item) => Evaluate(_root, item);

    private static void Check(JsonObject expression)
    {
        var op = expression["op"]?.GetValue<string>()
            ?? throw new StacRequestException($"CQL2 expression without 'op': {expression.ToJsonString()}");
        if (!SupportedOperators.Contains(op))
        {
            throw new Cql2UnknownOperatorException(op);
        }

        if (expression["args"] is not JsonArray args)
        {
            throw new StacRequestException($"CQL2 '{op}' needs an 'args' array.");
        }

        if (op is "and" or "or" or "not")
        {
            foreach (var arg in args)
            {
                if (arg is not JsonObject child)
                {
                    throw new StacRequestException($"CQL2 '{op}' arguments must be expressions, got {arg?.ToJsonString() ?? "null"}.");
                }

                Check(child);
            }
        }
    }

    private static bool Evaluate(JsonObject expression, CatalogItem item)
    {
        var op = expression["op"]!.GetValue<string>();
        var args = (JsonArray)expression["args"]!;
        switch (op)
        {
            case "and":
                return args.All(a => Evaluate((JsonObject)a!, item));
            case "or":
                return args.Any(a => Evaluate((JsonObject)a!, item));
            case "not":
                return !Evaluate((JsonObject)args[0]!, item);
            case "isNull":
                return Operand(args[0], item) is null;
            case "in":
                var value = Operand(args[0], item);
                return args.Count > 1 && args[1] is JsonArray list && list.Any(o => PropertyValues.Compare(value, o) == 0);
            case "between":
                var v = Operand(args[0], item);
                return args.Count > 2 && PropertyValues.Compare(v, Operand(args[1], item)) >= 0
                    && PropertyValues.Compare(v, Operand(args[2], item)) <= 0;
            case "s_intersects":
                var geometry = args.Count > 1 ? args[1] : null;
                return GeoShape.Parse(geometry).Intersects(item.Footprint);
            default:
                if (args.Count != 2)
                {
                    throw new StacRequestException($"CQL2 '{op}' needs 2 arguments, got {args.Count}.");
                }

                var order = PropertyValues.Compare(Operand(args[0], item), Operand(args[1], item));
                return op switch
                {
                    "=" => order == 0,
                    "<>" or "!=" => order is not null and not 0,
                    "<" => order < 0,
                    "<=" => order <= 0,
                    ">" => order > 0,
                    ">=" => order >= 0,
                    _ => false,
                };
        }
    }

    private static JsonNode? Operand(JsonNode? node, CatalogItem item) =>
        node is JsonObject o && o["property"] is { } property
            ? PropertyValues.Resolve(item, property.GetValue<string>())
            : node;
}
