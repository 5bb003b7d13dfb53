using Axion.TileBuilder.LocalCatalog.Server.Stac;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>
/// Asset routes: <c>/blob/&lt;container&gt;/...</c> (Planetary Computer, SAS required for the container)
/// and <c>/s3/&lt;bucket&gt;/...</c> (Earth Search, public). GET and HEAD only.
/// </summary>
internal sealed class AssetApi(Func<StacCatalog?> catalog, SasTokenService sas)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapMethods(CatalogUrls.PcBlobPath + "/{**path}", [HttpMethods.Get, HttpMethods.Head], ServePcAsync);
        routes.MapMethods(CatalogUrls.EsS3Path + "/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeEsAsync);
    }

    private async Task ServePcAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var rest = path[(CatalogUrls.PcBlobPath.Length + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? rest : rest[..slash];
        var validation = sas.Validate(container, context.Request.Query);
        if (!validation.IsValid)
        {
            await AzureErrors.AuthenticationFailedAsync(context, validation.Detail!);
            return;
        }

        if (catalog() is not { } current || !current.Assets.TryResolve(path, out var location) || location.SasContainer != container)
        {
            await AzureErrors.BlobNotFoundAsync(context);
            return;
        }

        await AssetResponder.ServeAsync(context, location);
    }

    private async Task ServeEsAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (catalog() is not { } current || !current.Assets.TryResolve(path, out var location) || location.SasContainer is not null)
        {
            await AzureErrors.S3NoSuchKeyAsync(context, path);
            return;
        }

        await AssetResponder.ServeAsync(context, location);
    }
}
