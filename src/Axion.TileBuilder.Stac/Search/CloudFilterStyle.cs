namespace Axion.TileBuilder.Stac.Search;

/// <summary>How <see cref="StacSearchRequest.MaxCloudCover"/> is sent to the catalog.</summary>
public enum CloudFilterStyle
{
    /// <summary>The query extension: <c>"query": {"eo:cloud_cover": {"lte": X}}</c> (default; both catalogs support it).</summary>
    Query,

    /// <summary>CQL2 JSON: <c>"filter": {"op": "&lt;=", "args": [{"property": "eo:cloud_cover"}, X]}, "filter-lang": "cql2-json"</c>.</summary>
    Cql2,

    /// <summary>Nothing is sent; the caller filters client-side (it should re-check the property anyway).</summary>
    None,
}
