using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>A parsed item search (POST body or GET query string), flavour-independent.</summary>
internal sealed record SearchRequest
{
    public IReadOnlyList<string>? Collections { get; init; }

    public IReadOnlyList<string>? Ids { get; init; }

    public IReadOnlyList<double>? Bbox { get; init; }

    public GeoShape? Intersects { get; init; }

    public DatetimeInterval? Datetime { get; init; }

    public int? Limit { get; init; }

    public JsonObject? Query { get; init; }

    public JsonNode? Filter { get; init; }

    public string? FilterLang { get; init; }

    public IReadOnlyList<SortField>? SortBy { get; init; }

    /// <summary>Planetary Computer paging token (<c>next:&lt;collection&gt;:&lt;id&gt;</c> / <c>prev:...</c>).</summary>
    public string? Token { get; init; }

    /// <summary>Earth Search paging key (<c>&lt;datetime&gt;,&lt;id&gt;,&lt;collection&gt;</c>).</summary>
    public string? Next { get; init; }

    /// <summary>The request as received (POST body, or the GET parameters), echoed in next links.</summary>
    public JsonObject Echo { get; init; } = [];

    /// <summary>The GET query parameters as received (to rebuild GET next links), or null for POST.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? QueryParameters { get; init; }
}
