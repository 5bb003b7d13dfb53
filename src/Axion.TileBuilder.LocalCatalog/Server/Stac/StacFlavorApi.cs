using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// The STAC API of one flavour (what both share: routes, search execution, error handling);
/// subclasses supply documents, paging and the JSON shapes.
/// </summary>
internal abstract class StacFlavorApi(Func<StacCatalog?> catalog)
{
    /// <summary>
    /// Benchmark mode: the asset hrefs of each search answer carry a path prefix <c>/~&lt;hash of the request&gt;</c>
    /// (stripped again by the server), so two searches never share asset URLs and a client's HTTP cache cannot
    /// carry bytes from one batch row to the next, as with real rows that read different scenes.
    /// </summary>
    public bool DistinctAssetUrls { get; init; }

    protected abstract string RootPath { get; }

    protected abstract string GeoJsonType { get; }

    protected abstract string JsonType { get; }

    protected abstract int DefaultSearchLimit { get; }

    protected abstract int DefaultItemsLimit { get; }

    protected abstract int MaxLimit { get; }

    protected abstract bool IgnoreUnknownCql2 { get; }

    protected abstract IReadOnlyList<string> Collections { get; }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(RootPath, c => Guard(c, cat => JsonResponder.WriteAsync(c, 200, JsonType, Landing(cat))));
        routes.MapGet(RootPath + "/conformance", c => Guard(c, cat => JsonResponder.WriteAsync(c, 200, JsonType, Conformance())));
        routes.MapGet(RootPath + "/collections", c => Guard(c, cat => JsonResponder.WriteAsync(c, 200, JsonType, CollectionsDocument(cat))));
        routes.MapGet(RootPath + "/collections/{collectionId}", c => Guard(c, cat => CollectionAsync(c, cat)));
        routes.MapGet(RootPath + "/collections/{collectionId}/items", c => Guard(c, cat => ItemsAsync(c, cat)));
        routes.MapGet(RootPath + "/collections/{collectionId}/items/{itemId}", c => Guard(c, cat => ItemAsync(c, cat)));
        routes.MapGet(RootPath + "/search", c => Guard(c, cat => SearchAsync(c, cat, SearchRequestParser.FromQuery(QueryPairs(c)), post: false, c.Request.QueryString.Value)));
        routes.MapPost(RootPath + "/search", c => Guard(c, async cat =>
        {
            var body = await JsonResponder.ReadBodyAsync(c);
            await SearchAsync(c, cat, SearchRequestParser.FromBody(body), post: true, Convert.ToHexString(body));
        }));
        routes.Map(RootPath + "/{**rest}", c => Guard(c, cat => NotFoundAsync(c, null, null)));
    }

    protected abstract JsonObject Landing(StacCatalog catalog);

    protected abstract JsonObject Conformance();

    protected abstract JsonObject CollectionDocument(string id, StacCatalog catalog);

    protected abstract IReadOnlyList<CatalogItem> Items(StacCatalog catalog);

    protected abstract CatalogItem? Find(StacCatalog catalog, string collection, string id);

    /// <summary>Index of the first item of the requested page (from the paging token), validating it.</summary>
    protected abstract int PageStart(SearchRequest request, IReadOnlyList<CatalogItem> matches, int limit);

    protected abstract void WritePage(Utf8JsonWriter writer, StacPage page, SearchRequest request, PageContext context);

    protected abstract Task NotFoundAsync(HttpContext context, string? collection, string? item);

    protected abstract Task BadRequestAsync(HttpContext context, int status, string message);

    protected virtual JsonObject CollectionsDocument(StacCatalog catalog)
    {
        var list = new JsonArray();
        foreach (var id in Collections)
        {
            list.Add(CollectionDocument(id, catalog));
        }

        var root = catalog.Urls.Base + RootPath;
        return new JsonObject
        {
            ["collections"] = list,
            ["links"] = new JsonArray(
                StacFormat.Link("root", root, "application/json"),
                StacFormat.Link("self", root + "/collections", "application/json")),
        };
    }

    protected static List<KeyValuePair<string, string>> QueryPairs(HttpContext context) =>
        [.. context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty)))];

    /// <summary>A query string from pairs, keeping ':' and ',' readable like the real next links.</summary>
    protected static string QueryString(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            builder.Append(builder.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=')
                .Append(Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    protected static void WriteFeatures(Utf8JsonWriter writer, StacPage page, PageContext context)
    {
        writer.WritePropertyName("features");
        writer.WriteStartArray();
        foreach (var item in page.Items)
        {
            if (context.AssetAlias is { } alias)
            {
                writer.WriteRawValue(AssetUrlAlias.Apply(item.Document.ToJsonString(), context.Catalog.Urls.Base, alias));
            }
            else
            {
                item.Document.WriteTo(writer);
            }
        }

        writer.WriteEndArray();
    }

    private async Task Guard(HttpContext context, Func<StacCatalog, Task> handler)
    {
        if (catalog() is not { } current)
        {
            await BadRequestAsync(context, StatusCodes.Status503ServiceUnavailable, "The local catalog is starting.");
            return;
        }

        try
        {
            await handler(current);
        }
        catch (StacRequestException e) when (!context.Response.HasStarted)
        {
            await BadRequestAsync(context, e.Status, e.Message);
        }
    }

    private Task CollectionAsync(HttpContext context, StacCatalog catalog)
    {
        var id = (string)context.GetRouteValue("collectionId")!;
        return Collections.Contains(id)
            ? JsonResponder.WriteAsync(context, 200, JsonType, CollectionDocument(id, catalog))
            : NotFoundAsync(context, id, null);
    }

    private Task ItemAsync(HttpContext context, StacCatalog catalog)
    {
        var collection = (string)context.GetRouteValue("collectionId")!;
        var id = (string)context.GetRouteValue("itemId")!;
        if (!Collections.Contains(collection))
        {
            return NotFoundAsync(context, collection, null);
        }

        return Find(catalog, collection, id) is { } item
            ? JsonResponder.WriteAsync(context, 200, GeoJsonType, item.Document)
            : NotFoundAsync(context, collection, id);
    }

    private Task ItemsAsync(HttpContext context, StacCatalog catalog)
    {
        var collection = (string)context.GetRouteValue("collectionId")!;
        if (!Collections.Contains(collection))
        {
            return NotFoundAsync(context, collection, null);
        }

        var pairs = QueryPairs(context);
        var request = SearchRequestParser.FromQuery(pairs) with { Collections = [collection] };
        var limit = CheckLimit(request.Limit ?? DefaultItemsLimit);
        var matches = SearchEngine.Execute(Items(catalog), request, IgnoreUnknownCql2);
        var page = Slice(request, matches, limit);
        var selfUrl = $"{catalog.Urls.Base}{RootPath}/collections/{collection}/items";
        return JsonResponder.WriteAsync(context, 200, GeoJsonType, w => WritePage(w, page, request, new PageContext(catalog, selfUrl, collection, Post: false)));
    }

    private Task SearchAsync(HttpContext context, StacCatalog catalog, SearchRequest request, bool post, string? rawRequest)
    {
        var alias = DistinctAssetUrls ? AssetUrlAlias.Of(rawRequest ?? string.Empty) : null;
        if (request.Collections is { } requested && requested.Any(c => !Collections.Contains(c)))
        {
            // Both real services answer an unknown collection with an empty result, not an error.
            request = request with { Collections = [.. requested.Where(Collections.Contains)] };
            if (request.Collections!.Count == 0)
            {
                request = request with { Ids = ["\u0000no-such-item"] };
            }
        }

        var limit = CheckLimit(request.Limit ?? DefaultSearchLimit);
        var matches = SearchEngine.Execute(Items(catalog), request, IgnoreUnknownCql2);
        var page = Slice(request, matches, limit);
        var selfUrl = $"{catalog.Urls.Base}{RootPath}/search";
        return JsonResponder.WriteAsync(context, 200, GeoJsonType, w => WritePage(w, page, request, new PageContext(catalog, selfUrl, null, post, alias)));
    }

    private StacPage Slice(SearchRequest request, IReadOnlyList<CatalogItem> matches, int limit)
    {
        var start = PageStart(request, matches, limit);
        var count = Math.Max(0, Math.Min(limit, matches.Count - start));
        return new StacPage([.. matches.Skip(start).Take(count)], start, matches.Count, limit);
    }

    private int CheckLimit(int limit) => limit >= 1 && limit <= MaxLimit
        ? limit
        : throw new StacRequestException($"limit {limit} is out of range: it must be between 1 and {MaxLimit}.");
}
