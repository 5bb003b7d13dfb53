namespace Axion.TileBuilder.Stac.Search;

/// <summary>One <c>sortby</c> entry, e.g. <c>("properties.eo:cloud_cover", Ascending)</c>.</summary>
/// <param name="Field">Field path as the API expects it (<c>properties.datetime</c>, <c>id</c>).</param>
/// <param name="Direction">Sort direction.</param>
public readonly record struct StacSortField(string Field, StacSortDirection Direction = StacSortDirection.Ascending);
