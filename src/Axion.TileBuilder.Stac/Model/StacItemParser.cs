using System.Text.Json;
using Axion.TileBuilder.Stac.Internals;

namespace Axion.TileBuilder.Stac.Model;

/// <summary>
/// Turns STAC JSON into <see cref="StacItem"/> records. Lenient: missing optional fields read as
/// null; only a missing/invalid <c>id</c>, <c>assets</c> or datetime makes an item unusable.
/// </summary>
public static class StacItemParser
{
    /// <summary>Parses one STAC item (a GeoJSON Feature).</summary>
    /// <exception cref="StacFormatException">The element is not an object, or has no usable <c>id</c>, <c>assets</c> or datetime.</exception>
    public static StacItem Parse(JsonElement feature)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            throw new StacFormatException($"STAC item is a JSON {Kind(feature)}, not an object");
        }

        // Clone once: every element below stays valid after the caller disposes its document.
        var item = feature.Clone();
        var id = Json.String(item, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new StacFormatException(Json.Member(item, "id") is { } bad
                ? $"STAC item has an invalid 'id' (JSON {Kind(bad)}, expected a non-empty string)"
                : "STAC item has no 'id'");
        }

        var properties = Json.Member(item, "properties") is { ValueKind: JsonValueKind.Object } p ? p : EmptyObject();
        var datetime = StacDateParser.Parse(Json.String(properties, "datetime"));
        var start = StacDateParser.Parse(Json.String(properties, "start_datetime"));
        var end = StacDateParser.Parse(Json.String(properties, "end_datetime"));
        var when = datetime ?? start ?? throw Invalid(id, Json.Member(properties, "datetime") is { } raw
            ? $"has an unparsable 'datetime' {Quote(raw)} and no usable 'start_datetime'"
            : "has neither 'datetime' nor 'start_datetime'");

        if (Json.Member(item, "assets") is not { ValueKind: JsonValueKind.Object } assetsElement)
        {
            throw Invalid(id, Json.Member(item, "assets") is { } badAssets
                ? $"has an invalid 'assets' (JSON {Kind(badAssets)}, expected an object)"
                : "has no 'assets'");
        }

        var itemShape = Json.IntArray(properties, "proj:shape");
        var itemTransform = FirstSix(Json.DoubleArray(properties, "proj:transform"));
        var assets = new Dictionary<string, StacAsset>(StringComparer.Ordinal);
        foreach (var member in assetsElement.EnumerateObject())
        {
            if (ParseAsset(member.Name, member.Value, itemShape, itemTransform) is { } asset)
            {
                assets[member.Name] = asset;
            }
        }

        var problems = new List<string>();
        var bbox = ParseBbox(item, problems);
        return new StacItem
        {
            Id = id,
            Collection = Json.String(item, "collection"),
            Datetime = when,
            StartDatetime = start,
            EndDatetime = end,
            Bbox = bbox,
            Geometry = Json.Member(item, "geometry") is { ValueKind: JsonValueKind.Object } g ? g : null,
            Properties = properties,
            Assets = assets,
            Links = ParseLinks(item),
            FieldProblems = problems,
        };
    }

    /// <summary>
    /// <c>[west, south, east, north]</c> of a 4- or 6-number lon/lat bbox, or null (absent or unusable: then a line
    /// in <paramref name="problems"/> says why, quoting the value).
    /// </summary>
    internal static double[]? ParseBbox(JsonElement item, List<string> problems)
    {
        if (Json.Member(item, "bbox") is not { } raw || raw.ValueKind == JsonValueKind.Null)
        {
            problems.Add("no 'bbox'");
            return null;
        }

        if (raw.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"'bbox' is a JSON {Kind(raw)} {Quote(raw)}, not an array");
            return null;
        }

        var values = Json.DoubleArray(item, "bbox");
        if (values is null || values.Any(v => !double.IsFinite(v)))
        {
            problems.Add($"'bbox' {Quote(raw)} has a value that is not a finite number");
            return null;
        }

        double[]? box = values.Length switch
        {
            4 => values,
            6 => [values[0], values[1], values[3], values[4]],
            _ => null,
        };
        if (box is null)
        {
            problems.Add($"'bbox' {Quote(raw)} has {values.Length} values (expected 4 or 6)");
            return null;
        }

        if (box[1] > box[3] || box[1] < -90 || box[3] > 90 || box[0] < -180 || box[0] > 180 || box[2] < -180 || box[2] > 180)
        {
            problems.Add($"'bbox' {Quote(raw)} is not a lon/lat box (west, south, east, north with south <= north, |lat| <= 90, |lon| <= 180)");
            return null;
        }

        return box;
    }

    /// <summary>
    /// Parses a FeatureCollection. Features that fail are reported in <see cref="SearchPage.Problems"/>
    /// and skipped; the page itself must be an object with a <c>features</c> array.
    /// </summary>
    /// <exception cref="StacFormatException">The document is not a FeatureCollection.</exception>
    public static SearchPage ParseFeatureCollection(JsonElement collection)
    {
        if (collection.ValueKind != JsonValueKind.Object)
        {
            throw new StacFormatException($"catalog page is a JSON {Kind(collection)}, not a FeatureCollection object");
        }

        if (Json.Member(collection, "features") is not { ValueKind: JsonValueKind.Array } features)
        {
            throw new StacFormatException("catalog page has no 'features' array (not a FeatureCollection)");
        }

        var items = new List<StacItem>(features.GetArrayLength());
        var problems = new List<StacItemProblem>();
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            try
            {
                items.Add(Parse(feature));
            }
            catch (StacFormatException e)
            {
                problems.Add(new StacItemProblem(index, e.ItemId, e.Message));
            }

            index++;
        }

        var links = ParseLinks(collection.Clone());
        var matched = Json.Long(collection, "numberMatched")
            ?? (Json.Member(collection, "context") is { } context ? Json.Long(context, "matched") : null);
        return new SearchPage
        {
            Items = items,
            Problems = problems,
            Next = links.FirstOrDefault(l => string.Equals(l.Rel, "next", StringComparison.OrdinalIgnoreCase)),
            NumberMatched = matched,
        };
    }

    /// <summary>Parses a FeatureCollection from JSON text.</summary>
    /// <exception cref="StacFormatException">Invalid JSON or not a FeatureCollection.</exception>
    public static SearchPage ParseFeatureCollection(string json)
    {
        using var document = ParseDocument(json);
        return ParseFeatureCollection(document.RootElement);
    }

    /// <summary>Parses one item from JSON text.</summary>
    /// <exception cref="StacFormatException">Invalid JSON or not a usable item.</exception>
    public static StacItem Parse(string json)
    {
        using var document = ParseDocument(json);
        return Parse(document.RootElement);
    }

    internal static double[]? FirstSix(double[]? transform) => transform switch
    {
        null => null,
        { Length: 6 } => transform,
        { Length: > 6 } => transform[..6],
        _ => null,
    };

    internal static IReadOnlyList<StacLink> ParseLinks(JsonElement owner)
    {
        if (Json.Member(owner, "links") is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var links = new List<StacLink>(array.GetArrayLength());
        foreach (var link in array.EnumerateArray())
        {
            var rel = Json.String(link, "rel");
            var href = Json.String(link, "href");
            if (rel is null || href is null)
            {
                continue;
            }

            Dictionary<string, string>? headers = null;
            if (Json.Member(link, "headers") is { ValueKind: JsonValueKind.Object } headerObject)
            {
                headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var header in headerObject.EnumerateObject())
                {
                    headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() ?? string.Empty : header.Value.GetRawText();
                }
            }

            links.Add(new StacLink
            {
                Rel = rel,
                Href = href,
                Type = Json.String(link, "type"),
                Method = Json.String(link, "method")?.ToUpperInvariant() ?? "GET",
                Body = Json.Member(link, "body") is { ValueKind: JsonValueKind.Object } body ? body : null,
                Headers = headers,
                Merge = Json.Bool(link, "merge") ?? false,
            });
        }

        return links;
    }

    private static StacAsset? ParseAsset(string key, JsonElement asset, int[]? itemShape, double[]? itemTransform)
    {
        var href = Json.String(asset, "href");
        if (string.IsNullOrWhiteSpace(href))
        {
            // An asset without href is unusable; the item's other assets still are.
            return null;
        }

        // STAC 1.0 raster extension: raster:bands[0]; STAC 1.1: fields on the asset or in bands[0].
        var band = FirstObject(asset, "raster:bands");
        var band11 = FirstObject(asset, "bands");
        return new StacAsset
        {
            Key = key,
            Href = href,
            Type = Json.String(asset, "type"),
            Roles = Json.StringList(asset, "roles"),
            Scale = First(band, "scale", asset, "raster:scale", band11, "raster:scale", Json.Double),
            Offset = First(band, "offset", asset, "raster:offset", band11, "raster:offset", Json.Double),
            NoData = First(band, "nodata", asset, "nodata", band11, "nodata", Json.Double),
            DataType = First(band, "data_type", asset, "data_type", band11, "data_type", Json.String),
            ProjShape = Json.IntArray(asset, "proj:shape") ?? itemShape,
            ProjTransform = FirstSix(Json.DoubleArray(asset, "proj:transform")) ?? itemTransform,
            Epsg = Json.Epsg(asset),
            FileSize = Json.Long(asset, "file:size"),
            Fields = asset,
        };
    }

    private static T? First<T>(JsonElement? a, string aName, JsonElement b, string bName, JsonElement? c, string cName, Func<JsonElement, string, T?> read)
    {
        if (a is { } first && read(first, aName) is { } fromA)
        {
            return fromA;
        }

        if (read(b, bName) is { } fromB)
        {
            return fromB;
        }

        return c is { } third ? read(third, cName) : default;
    }

    private static double? First(JsonElement? a, string aName, JsonElement b, string bName, JsonElement? c, string cName, Func<JsonElement, string, double?> read) =>
        (a is { } first ? read(first, aName) : null) ?? read(b, bName) ?? (c is { } third ? read(third, cName) : null);

    private static JsonElement? FirstObject(JsonElement obj, string name) =>
        Json.Member(obj, name) is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 && array[0].ValueKind == JsonValueKind.Object
            ? array[0]
            : null;

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new StacFormatException($"invalid STAC JSON: {e.Message}", e);
        }
    }

    private static StacFormatException Invalid(string id, string what) => new($"STAC item '{id}' {what}") { ItemId = id };

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string Quote(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "..." : text;
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
