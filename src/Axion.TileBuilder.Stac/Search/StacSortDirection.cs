namespace Axion.TileBuilder.Stac.Search;

/// <summary>Sort direction of a <see cref="StacSortField"/>.</summary>
public enum StacSortDirection
{
    /// <summary><c>asc</c></summary>
    Ascending,

    /// <summary><c>desc</c></summary>
    Descending,
}
