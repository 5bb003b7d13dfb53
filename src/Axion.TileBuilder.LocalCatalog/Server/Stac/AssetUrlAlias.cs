using System.Security.Cryptography;
using System.Text;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// The path prefix <c>/~&lt;alias&gt;</c> of <see cref="StacFlavorApi.DistinctAssetUrls"/>: put in front of the asset
/// paths of a search answer, removed from incoming request paths before routing.
/// </summary>
internal static class AssetUrlAlias
{
    private const string Marker = "/~";

    /// <summary>A 12-character alias derived from the raw search request.</summary>
    public static string Of(string rawRequest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawRequest)))[..12];

    /// <summary>Rewrites the asset hrefs (<c>{base}/blob/...</c>, <c>{base}/s3/...</c>) of an item document.</summary>
    public static string Apply(string itemJson, string baseUrl, string alias) => itemJson
        .Replace(baseUrl + CatalogUrls.PcBlobPath + "/", baseUrl + Marker + alias + CatalogUrls.PcBlobPath + "/", StringComparison.Ordinal)
        .Replace(baseUrl + CatalogUrls.EsS3Path + "/", baseUrl + Marker + alias + CatalogUrls.EsS3Path + "/", StringComparison.Ordinal);

    /// <summary>The request path without a leading <c>/~alias</c> segment, or null if it has none.</summary>
    public static string? Strip(string path)
    {
        if (!path.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }

        var next = path.IndexOf('/', Marker.Length);
        return next < 0 ? "/" : path[next..];
    }
}
