namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Absolute URL prefixes of one running server (no trailing slashes).</summary>
/// <param name="Base">e.g. <c>http://127.0.0.1:41234</c>.</param>
internal sealed record CatalogUrls(string Base)
{
    public const string PcRootPath = "/api/stac/v1";
    public const string EsRootPath = "/v1";
    public const string TokenPath = "/api/sas/v1/token";
    public const string PcBlobPath = "/blob";
    public const string EsS3Path = "/s3";

    public string PcRoot => Base + PcRootPath;

    public string EsRoot => Base + EsRootPath;
}
