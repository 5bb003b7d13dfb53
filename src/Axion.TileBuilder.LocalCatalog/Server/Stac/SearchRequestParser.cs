using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Turns a POST body or GET query string into a <see cref="SearchRequest"/> (400 on bad input).</summary>
internal static class SearchRequestParser
{
    public static SearchRequest FromBody(ReadOnlySpan<byte> body)
    {
        JsonNode? node;
        try
        {
            node = body.IsEmpty ? new JsonObject() : JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw new StacRequestException($"Request body is not valid JSON: {e.Message}");
        }

        if (node is not JsonObject json)
        {
            throw new StacRequestException("Request body must be a JSON object.");
        }

        try
        {
            return new SearchRequest
            {
                Collections = StringList(json["collections"], "collections"),
                Ids = StringList(json["ids"], "ids"),
                Bbox = Bbox(json["bbox"]),
                Intersects = json["intersects"] is { } geometry ? GeoShape.Parse(geometry) : null,
                Datetime = json["datetime"] is { } dt ? DatetimeInterval.Parse(String(dt, "datetime")) : null,
                Limit = json["limit"] is { } limit ? Integer(limit, "limit") : null,
                Query = json["query"] switch
                {
                    null => null,
                    JsonObject q => q,
                    _ => throw new StacRequestException("query must be an object."),
                },
                Filter = json["filter"],
                FilterLang = json["filter-lang"] is { } lang ? String(lang, "filter-lang") : null,
                SortBy = json["sortby"] is { } sort ? SortBy(sort) : null,
                Token = json["token"] is { } token ? String(token, "token") : null,
                Next = json["next"] is { } next ? String(next, "next") : null,
                Echo = (JsonObject)json.DeepClone(),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new StacRequestException($"Invalid search request: {e.Message}");
        }
    }

    public static SearchRequest FromQuery(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        string? Get(string name) => parameters.LastOrDefault(p => p.Key == name).Value;
        var echo = new JsonObject();
        foreach (var (key, value) in parameters)
        {
            echo[key] = value;
        }

        JsonNode? ParseJsonParameter(string name)
        {
            var text = Get(name);
            if (text is null)
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new StacRequestException($"Parameter '{name}' is not valid JSON: {e.Message}");
            }
        }

        var filterLang = Get("filter-lang");
        var filterText = Get("filter");
        JsonNode? filter = null;
        if (filterText is not null)
        {
            if (filterLang is null or "cql2-text")
            {
                throw new StacRequestException("filter-lang=cql2-text is not supported by the local catalog; use filter-lang=cql2-json.");
            }

            filter = ParseJsonParameter("filter");
        }

        return new SearchRequest
        {
            Collections = Split(Get("collections")),
            Ids = Split(Get("ids")),
            Bbox = Get("bbox") is { } bbox ? ParseBboxText(bbox) : null,
            Intersects = ParseJsonParameter("intersects") is { } geometry ? GeoShape.Parse(geometry) : null,
            Datetime = Get("datetime") is { } dt ? DatetimeInterval.Parse(dt) : null,
            Limit = Get("limit") is { } limit
                ? int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new StacRequestException($"limit '{limit}' is not an integer.")
                : null,
            Query = ParseJsonParameter("query") switch
            {
                null => null,
                JsonObject q => q,
                _ => throw new StacRequestException("query must be a JSON object."),
            },
            Filter = filter,
            FilterLang = filterLang,
            SortBy = Get("sortby") is { } sort ? ParseSortText(sort) : null,
            Token = Get("token"),
            Next = Get("next"),
            Echo = echo,
            QueryParameters = parameters,
        };
    }

    private static IReadOnlyList<string>? Split(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<double> ParseBboxText(string text)
    {
        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new StacRequestException($"bbox '{text}' is not a list of numbers.");
            }
        }

        return CheckBbox(values);
    }

    private static IReadOnlyList<SortField> ParseSortText(string text) =>
    [
        .. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part => part[0] switch
        {
            '-' => new SortField(StripProperties(part[1..]), true),
            '+' => new SortField(StripProperties(part[1..]), false),
            _ => new SortField(StripProperties(part), false),
        }),
    ];

    private static IReadOnlyList<SortField> SortBy(JsonNode node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return ParseSortText(text);
        }

        if (node is not JsonArray array)
        {
            throw new StacRequestException("sortby must be a list of {field, direction} objects.");
        }

        var fields = new List<SortField>();
        foreach (var entry in array)
        {
            if (entry is not JsonObject sort || sort["field"] is null)
            {
                throw new StacRequestException("Each sortby entry needs a 'field'.");
            }

            var direction = sort["direction"]?.GetValue<string>() ?? "asc";
            if (direction is not ("asc" or "desc"))
            {
                throw new StacRequestException($"sortby direction '{direction}' must be 'asc' or 'desc'.");
            }

            fields.Add(new SortField(StripProperties(String(sort["field"]!, "sortby.field")), direction == "desc"));
        }

        return fields;
    }

    internal static string StripProperties(string field) =>
        field.StartsWith("properties.", StringComparison.Ordinal) ? field["properties.".Length..] : field;

    private static IReadOnlyList<double>? Bbox(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new StacRequestException("bbox must be an array of 4 or 6 numbers.");
        }

        return CheckBbox([.. array.Select(v => v is JsonValue n && n.TryGetValue<double>(out var d)
            ? d
            : throw new StacRequestException($"bbox value '{v?.ToJsonString()}' is not a number."))]);
    }

    private static double[] CheckBbox(double[] values)
    {
        var bbox = values.Length switch
        {
            4 => values,
            6 => [values[0], values[1], values[3], values[4]],
            _ => throw new StacRequestException($"bbox must have 4 or 6 numbers, got {values.Length}."),
        };
        if (bbox[1] > bbox[3])
        {
            throw new StacRequestException($"bbox south {bbox[1]} is north of north {bbox[3]}.");
        }

        return bbox;
    }

    private static IReadOnlyList<string>? StringList(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonArray array => [.. array.Select(v => String(v!, name))],
        JsonValue value when value.TryGetValue<string>(out var single) => [single],
        _ => throw new StacRequestException($"{name} must be a list of strings."),
    };

    private static string String(JsonNode node, string name) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new StacRequestException($"{name} must be a string, got {node.ToJsonString()}.");

    private static int Integer(JsonNode node, string name)
    {
        if (node is JsonValue value)
        {
            if (value.TryGetValue<int>(out var n))
            {
                return n;
            }

            if (value.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }

            if (value.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        throw new StacRequestException($"{name} must be an integer, got {node.ToJsonString()}.");
    }
}
