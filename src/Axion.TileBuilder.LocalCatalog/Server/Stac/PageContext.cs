namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Where a page was requested: for building its links.</summary>
/// <param name="Catalog">The catalog.</param>
/// <param name="SelfUrl">Absolute URL of the endpoint without query string.</param>
/// <param name="Collection">The collection of an <c>/items</c> request, null for <c>/search</c>.</param>
/// <param name="Post">True for POST /search.</param>
/// <param name="AssetAlias">The <see cref="AssetUrlAlias"/> to put in the page's asset hrefs, or null.</param>
internal sealed record PageContext(StacCatalog Catalog, string SelfUrl, string? Collection, bool Post, string? AssetAlias = null);
