namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>One page of results: the items, where they start in the full match list, and the totals.</summary>
internal sealed record StacPage(IReadOnlyList<CatalogItem> Items, int Start, int Matched, int Limit);
