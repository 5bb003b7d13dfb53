using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Earth Search v1 flavour (<c>/v1</c>, stac-server): pages with <c>context</c>, <c>numberMatched</c>,
/// <c>numberReturned</c>; default limit 10 (max 10000); every NON-EMPTY page has a next link (POST body =
/// query + <c>"next": "&lt;datetime&gt;,&lt;id&gt;,&lt;collection&gt;"</c>, <c>merge: false</c>; GET <c>?next=</c>),
/// so the last page is empty and has none. Quirk kept: a CQL2 filter with an operator it does not know
/// (e.g. <c>lte</c>) is ignored silently and every item passes it.
/// </summary>
internal sealed class EsStacApi(Func<StacCatalog?> catalog) : StacFlavorApi(catalog)
{
    protected override string RootPath => CatalogUrls.EsRootPath;

    protected override string GeoJsonType => "application/geo+json; charset=utf-8";

    protected override string JsonType => "application/json; charset=utf-8";

    protected override int DefaultSearchLimit => 10;

    protected override int DefaultItemsLimit => 10;

    protected override int MaxLimit => 10000;

    protected override bool IgnoreUnknownCql2 => true;

    protected override IReadOnlyList<string> Collections => StacCatalog.EsCollections;

    protected override JsonObject Landing(StacCatalog catalog) => CatalogDocuments.EsLanding(catalog.Urls);

    protected override JsonObject Conformance() => CatalogDocuments.Conformance(CatalogDocuments.EsConformance);

    protected override JsonObject CollectionDocument(string id, StacCatalog catalog) =>
        CatalogDocuments.EsCollection(id, catalog.Urls, [.. catalog.EsItems.Where(i => i.Collection == id)]);

    protected override IReadOnlyList<CatalogItem> Items(StacCatalog catalog) => catalog.EsItems;

    protected override CatalogItem? Find(StacCatalog catalog, string collection, string id) => catalog.FindEs(collection, id);

    protected override int PageStart(SearchRequest request, IReadOnlyList<CatalogItem> matches, int limit)
    {
        if (string.IsNullOrEmpty(request.Next))
        {
            return 0;
        }

        var parts = request.Next.Split(',');
        if (parts.Length != 3)
        {
            throw new StacRequestException($"Invalid next '{request.Next}': expected '<datetime>,<id>,<collection>'.");
        }

        for (var i = 0; i < matches.Count; i++)
        {
            if (matches[i].Id == parts[1] && matches[i].Collection == parts[2])
            {
                return i + 1;
            }
        }

        throw new StacRequestException($"Invalid next '{request.Next}': item {parts[1]} in collection {parts[2]} is not in this result set.");
    }

    protected override void WritePage(Utf8JsonWriter writer, StacPage page, SearchRequest request, PageContext context)
    {
        var links = new JsonArray();
        if (page.Items.Count > 0)
        {
            var last = page.Items[^1];
            var next = $"{last.Properties["datetime"]?.GetValue<string>()},{last.Id},{last.Collection}";
            links.Add(NextLink(next, request, context));
        }

        links.Add(StacFormat.Link("root", context.Catalog.Urls.EsRoot, "application/json"));
        if (context.Collection is not null)
        {
            links.Add(StacFormat.Link("self", context.SelfUrl, "application/geo+json"));
        }

        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteString("stac_version", "1.0.0");
        writer.WriteStartArray("stac_extensions");
        writer.WriteEndArray();
        writer.WriteStartObject("context");
        writer.WriteNumber("limit", page.Limit);
        writer.WriteNumber("matched", page.Matched);
        writer.WriteNumber("returned", page.Items.Count);
        writer.WriteEndObject();
        writer.WriteNumber("numberMatched", page.Matched);
        writer.WriteNumber("numberReturned", page.Items.Count);
        WriteFeatures(writer, page, context);
        writer.WritePropertyName("links");
        links.WriteTo(writer);
        writer.WriteEndObject();
    }

    protected override Task NotFoundAsync(HttpContext context, string? collection, string? item) =>
        JsonResponder.WriteAsync(context, StatusCodes.Status404NotFound, JsonType, w =>
        {
            w.WriteStartObject();
            w.WriteString("code", "NotFound");
            w.WriteString("description", "Not Found");
            w.WriteEndObject();
        });

    protected override Task BadRequestAsync(HttpContext context, int status, string message) =>
        JsonResponder.WriteAsync(context, status, JsonType, w =>
        {
            w.WriteStartObject();
            w.WriteString("code", status == StatusCodes.Status400BadRequest ? "BadRequest" : "ServiceUnavailable");
            w.WriteString("description", message);
            w.WriteEndObject();
        });

    private static JsonObject NextLink(string next, SearchRequest request, PageContext context)
    {
        if (context.Post)
        {
            var body = (JsonObject)request.Echo.DeepClone();
            body.Remove("next");
            body["next"] = next;
            return new JsonObject
            {
                ["rel"] = "next",
                ["title"] = "Next page of Items",
                ["method"] = "POST",
                ["type"] = "application/geo+json",
                ["href"] = context.SelfUrl,
                ["merge"] = false,
                ["body"] = body,
            };
        }

        var pairs = (request.QueryParameters ?? []).Where(p => p.Key != "next").Append(new("next", next));
        return new JsonObject
        {
            ["rel"] = "next",
            ["title"] = "Next page of Items",
            ["method"] = "GET",
            ["type"] = "application/geo+json",
            ["href"] = context.SelfUrl + QueryString(pairs),
        };
    }
}
