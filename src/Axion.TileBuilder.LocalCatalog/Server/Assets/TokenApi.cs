using Axion.TileBuilder.LocalCatalog.Server.Http;
using Axion.TileBuilder.LocalCatalog.Server.Stac;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>
/// <c>GET /api/sas/v1/token/{collection}</c>: <c>{"msft:expiry": "...Z", "token": "st=...&amp;sig=..."}</c>
/// for <c>sentinel-2-l2a</c> and <c>sentinel-1-rtc</c>; 404 for other collections.
/// </summary>
internal sealed class TokenApi(SasTokenService sas, Func<TimeSpan> lifetime)
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(CatalogUrls.TokenPath + "/{collection}", IssueAsync);

    private Task IssueAsync(HttpContext context)
    {
        var collection = (string)context.GetRouteValue("collection")!;
        if (CollectionIds.PcContainer(collection) is not { } container)
        {
            return JsonResponder.WriteAsync(context, StatusCodes.Status404NotFound, "application/json", w =>
            {
                w.WriteStartObject();
                w.WriteString("detail", $"Collection {collection} not found or has no SAS container.");
                w.WriteEndObject();
            });
        }

        var (expiry, token) = sas.Issue(container, lifetime());
        return JsonResponder.WriteAsync(context, StatusCodes.Status200OK, "application/json", w =>
        {
            w.WriteStartObject();
            w.WriteString("msft:expiry", StacFormat.Seconds(expiry));
            w.WriteString("token", token);
            w.WriteEndObject();
        });
    }
}
