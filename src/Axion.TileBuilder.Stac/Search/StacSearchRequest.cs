using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Axion.TileBuilder.Stac.Search;

/// <summary>
/// A STAC API item search (<c>POST /search</c>). Immutable; change with <c>with</c>.
/// <see cref="ToJson"/> builds the exact request body.
/// </summary>
public sealed record StacSearchRequest
{
    /// <summary>Collection ids to search; empty means all (not recommended).</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    /// <summary>Item ids to restrict to; null for any.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Bounding box in degrees <c>[west, south, east, north]</c>; excludes <see cref="Intersects"/>.</summary>
    public IReadOnlyList<double>? Bbox { get; init; }

    /// <summary>GeoJSON geometry (WGS 84) the items must intersect; excludes <see cref="Bbox"/>.</summary>
    public JsonElement? Intersects { get; init; }

    /// <summary>
    /// RFC 3339 instant or interval <c>a/b</c> with <c>..</c> for an open end; null for no time filter.
    /// Build it with <see cref="FormatInterval"/> or <see cref="WithInterval"/>.
    /// </summary>
    public string? Datetime { get; init; }

    /// <summary>Page size asked of the server (1-10000); default 100.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Maximum <c>eo:cloud_cover</c> in percent (inclusive); null for none. Sent as <see cref="CloudFilter"/> says.</summary>
    public double? MaxCloudCover { get; init; }

    /// <summary>How <see cref="MaxCloudCover"/> is sent; default <see cref="CloudFilterStyle.Query"/>.</summary>
    public CloudFilterStyle CloudFilter { get; init; } = CloudFilterStyle.Query;

    /// <summary>Extra query-extension object (<c>{"platform": {"eq": "sentinel-2a"}}</c>); the cloud clause is merged into it.</summary>
    public JsonElement? Query { get; init; }

    /// <summary>Extra CQL2-JSON filter; combined with the cloud clause by <c>and</c> when <see cref="CloudFilterStyle.Cql2"/>.</summary>
    public JsonElement? Filter { get; init; }

    /// <summary>Sort order; empty for the server's default.</summary>
    public IReadOnlyList<StacSortField> SortBy { get; init; } = [];

    /// <summary>
    /// The interval string for a time range: <c>start/end</c>, <c>..</c> for a missing end, null when
    /// both are missing. Times are written in UTC (<c>2024-01-01T00:00:00Z</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static string? FormatInterval(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is null && end is null)
        {
            return null;
        }

        if (start is { } s && end is { } e && e < s)
        {
            throw new ArgumentException($"datetime interval end {FormatInstant(e)} is before its start {FormatInstant(s)}", nameof(end));
        }

        return (start is { } a ? FormatInstant(a) : "..") + "/" + (end is { } b ? FormatInstant(b) : "..");
    }

    /// <summary>An RFC 3339 UTC instant; fractional seconds only when present.</summary>
    public static string FormatInstant(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>This request with <see cref="Datetime"/> set from a time range (see <see cref="FormatInterval"/>).</summary>
    public StacSearchRequest WithInterval(DateTimeOffset? start, DateTimeOffset? end) => this with { Datetime = FormatInterval(start, end) };

    /// <summary>Checks the request; <see cref="StacClient"/> calls it before sending.</summary>
    /// <exception cref="ArgumentException">Both bbox and intersects, a bad bbox, a bad limit, or a bad cloud cover.</exception>
    public void Validate()
    {
        if (Bbox is not null && Intersects is not null)
        {
            throw new ArgumentException("a STAC search takes bbox or intersects, never both (the API answers 400)");
        }

        if (Bbox is { } bbox)
        {
            if (bbox.Count != 4 && bbox.Count != 6)
            {
                throw new ArgumentException($"bbox must have 4 numbers [west, south, east, north], got {bbox.Count}");
            }

            if (bbox.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"bbox has a non-finite number: [{string.Join(", ", bbox.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]");
            }

            var (south, north) = bbox.Count == 4 ? (bbox[1], bbox[3]) : (bbox[1], bbox[4]);
            if (south < -90 || north > 90 || south > north)
            {
                throw new ArgumentException($"bbox latitudes must satisfy -90 <= south <= north <= 90, got south {south.ToString(CultureInfo.InvariantCulture)}, north {north.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (Intersects is { } geometry && (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out _)))
        {
            throw new ArgumentException("intersects must be a GeoJSON geometry object with a 'type'");
        }

        if (Limit is < 1 or > 10000)
        {
            throw new ArgumentException($"limit must be 1..10000, got {Limit}");
        }

        if (MaxCloudCover is { } cloud && (double.IsNaN(cloud) || cloud < 0 || cloud > 100))
        {
            throw new ArgumentException($"max cloud cover must be 0..100 percent, got {cloud.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>The JSON text sent for <c>POST /search</c> (validated first).</summary>
    public string ToJsonString() => ToJson().ToJsonString(Internals.Json.Wire);

    /// <summary>The JSON body for <c>POST /search</c> (validated first).</summary>
    public JsonObject ToJson()
    {
        Validate();
        var body = new JsonObject();
        if (Collections.Count > 0)
        {
            body["collections"] = new JsonArray([.. Collections.Select(c => (JsonNode?)JsonValue.Create(c))]);
        }

        if (Ids is { Count: > 0 } ids)
        {
            body["ids"] = new JsonArray([.. ids.Select(i => (JsonNode?)JsonValue.Create(i))]);
        }

        if (Bbox is { } bbox)
        {
            body["bbox"] = new JsonArray([.. bbox.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        if (Intersects is { } geometry)
        {
            body["intersects"] = JsonNode.Parse(geometry.GetRawText());
        }

        if (Datetime is { Length: > 0 } datetime)
        {
            body["datetime"] = datetime;
        }

        body["limit"] = Limit;

        var query = Query is { ValueKind: JsonValueKind.Object } q ? JsonNode.Parse(q.GetRawText())!.AsObject() : null;
        JsonNode? filter = Filter is { ValueKind: JsonValueKind.Object } f ? JsonNode.Parse(f.GetRawText()) : null;
        if (MaxCloudCover is { } cloud)
        {
            switch (CloudFilter)
            {
                case CloudFilterStyle.Query:
                    query ??= [];
                    query["eo:cloud_cover"] = new JsonObject { ["lte"] = cloud };
                    break;
                case CloudFilterStyle.Cql2:
                    var clause = new JsonObject
                    {
                        ["op"] = "<=",
                        ["args"] = new JsonArray(new JsonObject { ["property"] = "eo:cloud_cover" }, JsonValue.Create(cloud)),
                    };
                    filter = filter is null ? clause : new JsonObject { ["op"] = "and", ["args"] = new JsonArray(filter, clause) };
                    break;
                case CloudFilterStyle.None:
                default:
                    break;
            }
        }

        if (query is { Count: > 0 })
        {
            body["query"] = query;
        }

        if (filter is not null)
        {
            body["filter"] = filter;
            body["filter-lang"] = "cql2-json";
        }

        if (SortBy.Count > 0)
        {
            body["sortby"] = new JsonArray([.. SortBy.Select(s => (JsonNode?)new JsonObject
            {
                ["field"] = s.Field,
                ["direction"] = s.Direction == StacSortDirection.Descending ? "desc" : "asc",
            })]);
        }

        return body;
    }
}
