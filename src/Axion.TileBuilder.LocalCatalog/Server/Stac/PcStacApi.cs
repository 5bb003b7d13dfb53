using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Planetary Computer flavour (<c>/api/stac/v1</c>): pages of <c>type</c>/<c>features</c>/<c>links</c>
/// only (no numberMatched/context); default limit 250 for /search (max 1000), 10 for /items; next link
/// with <c>token: next:&lt;collection&gt;:&lt;id&gt;</c> (POST body, no <c>merge</c>) or <c>?token=</c> (GET),
/// and a <c>previous</c> link (<c>prev:...</c>) after the first page; no next link on the last page.
/// CQL2 with an unknown operator is a 400.
/// </summary>
internal sealed class PcStacApi(Func<StacCatalog?> catalog) : StacFlavorApi(catalog)
{
    protected override string RootPath => CatalogUrls.PcRootPath;

    protected override string GeoJsonType => "application/geo+json";

    protected override string JsonType => "application/json";

    protected override int DefaultSearchLimit => 250;

    protected override int DefaultItemsLimit => 10;

    protected override int MaxLimit => 1000;

    protected override bool IgnoreUnknownCql2 => false;

    protected override IReadOnlyList<string> Collections => StacCatalog.PcCollections;

    protected override JsonObject Landing(StacCatalog catalog) => CatalogDocuments.PcLanding(catalog.Urls);

    protected override JsonObject Conformance() => CatalogDocuments.Conformance(CatalogDocuments.PcConformance);

    protected override JsonObject CollectionDocument(string id, StacCatalog catalog) =>
        CatalogDocuments.PcCollection(id, catalog.Urls, [.. catalog.PcItems.Where(i => i.Collection == id)]);

    protected override IReadOnlyList<CatalogItem> Items(StacCatalog catalog) => catalog.PcItems;

    protected override CatalogItem? Find(StacCatalog catalog, string collection, string id) => catalog.FindPc(collection, id);

    protected override int PageStart(SearchRequest request, IReadOnlyList<CatalogItem> matches, int limit)
    {
        if (string.IsNullOrEmpty(request.Token))
        {
            return 0;
        }

        var parts = request.Token.Split(':', 3);
        if (parts.Length != 3 || parts[0] is not ("next" or "prev"))
        {
            throw new StacRequestException($"Invalid token '{request.Token}': expected 'next:<collection>:<id>' or 'prev:<collection>:<id>'.");
        }

        var index = IndexOf(matches, parts[1], parts[2]);
        if (index < 0)
        {
            throw new StacRequestException($"Invalid token '{request.Token}': item {parts[2]} in collection {parts[1]} is not in this result set.");
        }

        return parts[0] == "next" ? index + 1 : Math.Max(0, index - limit);
    }

    protected override void WritePage(Utf8JsonWriter writer, StacPage page, SearchRequest request, PageContext context)
    {
        var links = new JsonArray();
        var root = context.Catalog.Urls.PcRoot + "/";
        if (context.Collection is { } collection)
        {
            var collectionUrl = $"{context.Catalog.Urls.PcRoot}/collections/{collection}";
            links.Add(StacFormat.Link("collection", collectionUrl, "application/json"));
            links.Add(StacFormat.Link("parent", collectionUrl, "application/json"));
            links.Add(StacFormat.Link("root", root, "application/json"));
            links.Add(StacFormat.Link("self", context.SelfUrl, "application/geo+json"));
        }

        if (page.Items.Count > 0 && page.Start + page.Items.Count < page.Matched)
        {
            var last = page.Items[^1];
            links.Add(PagingLink("next", $"next:{last.Collection}:{last.Id}", request, context));
        }

        if (page.Items.Count > 0 && page.Start > 0)
        {
            var first = page.Items[0];
            links.Add(PagingLink("previous", $"prev:{first.Collection}:{first.Id}", request, context));
        }

        if (context.Collection is null)
        {
            links.Add(StacFormat.Link("root", root, "application/json"));
            links.Add(StacFormat.Link("self", context.SelfUrl, "application/json"));
        }

        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        WriteFeatures(writer, page, context);
        writer.WritePropertyName("links");
        links.WriteTo(writer);
        writer.WriteEndObject();
    }

    protected override Task NotFoundAsync(HttpContext context, string? collection, string? item)
    {
        var description = (collection, item) switch
        {
            (not null, not null) => $"Item {item} in Collection {collection} does not exist.",
            (not null, null) => $"Collection {collection} does not exist.",
            _ => null,
        };
        return JsonResponder.WriteAsync(context, StatusCodes.Status404NotFound, JsonType, w =>
        {
            w.WriteStartObject();
            if (description is null)
            {
                w.WriteString("detail", "Not Found");
            }
            else
            {
                w.WriteString("code", "NotFoundError");
                w.WriteString("description", description);
            }

            w.WriteEndObject();
        });
    }

    protected override Task BadRequestAsync(HttpContext context, int status, string message) =>
        JsonResponder.WriteAsync(context, status, JsonType, w =>
        {
            w.WriteStartObject();
            w.WriteString("code", status == StatusCodes.Status400BadRequest ? "RequestValidationError" : "ServiceUnavailable");
            w.WriteString("description", message);
            w.WriteEndObject();
        });

    private static int IndexOf(IReadOnlyList<CatalogItem> matches, string collection, string id)
    {
        for (var i = 0; i < matches.Count; i++)
        {
            if (matches[i].Id == id && matches[i].Collection == collection)
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonObject PagingLink(string rel, string token, SearchRequest request, PageContext context)
    {
        if (context.Post)
        {
            var body = (JsonObject)request.Echo.DeepClone();
            body.Remove("token");
            body["token"] = token;
            return new JsonObject
            {
                ["rel"] = rel,
                ["type"] = "application/geo+json",
                ["method"] = "POST",
                ["href"] = context.SelfUrl,
                ["body"] = body,
            };
        }

        var pairs = (request.QueryParameters ?? []).Where(p => p.Key != "token").Append(new("token", token));
        return new JsonObject
        {
            ["rel"] = rel,
            ["type"] = "application/geo+json",
            ["method"] = "GET",
            ["href"] = context.SelfUrl + QueryString(pairs),
        };
    }
}
