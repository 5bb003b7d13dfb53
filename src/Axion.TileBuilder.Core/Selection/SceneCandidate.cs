using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Selection;

/// <summary>What scene selection needs to know about a STAC item (the pipeline maps items to this).</summary>
public sealed record SceneCandidate
{
    /// <summary>STAC item id.</summary>
    public required string Id { get; init; }

    /// <summary>STAC collection id, e.g. <c>sentinel-2-l2a</c>.</summary>
    public required string Collection { get; init; }

    /// <summary>Acquisition time (<c>datetime</c>, or the middle of <c>start_datetime</c>/<c>end_datetime</c>).</summary>
    public required DateTimeOffset Datetime { get; init; }

    /// <summary>Item <c>bbox</c>: <c>[west, south, east, north]</c> degrees (or 6 numbers with heights).</summary>
    public required IReadOnlyList<double> BboxLonLat { get; init; }

    /// <summary><c>eo:cloud_cover</c>, percent, or null when the item has none.</summary>
    public double? CloudCover { get; init; }

    /// <summary><c>proj:epsg</c> (or <c>proj:code</c> parsed), or null.</summary>
    public int? Epsg { get; init; }

    /// <summary>Outer rings of the item geometry (Polygon or each MultiPolygon part), <c>[lon, lat]</c> points; null to use the bbox only.</summary>
    public IReadOnlyList<IReadOnlyList<GeoPoint>>? Footprint { get; init; }

    /// <summary><c>s2:processing_baseline</c>, e.g. <c>05.11</c>, or null.</summary>
    public string? ProcessingBaseline { get; init; }

    /// <summary>True when every asset the build needs is present.</summary>
    public bool HasAllAssets { get; init; } = true;

    /// <summary>The needed asset keys the item lacks (empty when <see cref="HasAllAssets"/>).</summary>
    public IReadOnlyList<string> MissingAssets { get; init; } = [];

    /// <summary><c>platform</c>, e.g. <c>sentinel-2a</c>, or null.</summary>
    public string? Platform { get; init; }

    /// <summary><c>sat:orbit_state</c> (<c>ascending</c>/<c>descending</c>), or null.</summary>
    public string? OrbitState { get; init; }

    /// <summary>MGRS tile, e.g. <c>31UDQ</c>, or null.</summary>
    public string? MgrsTile { get; init; }

    /// <summary><c>sat:relative_orbit</c>, or null (groups the items of one pass into a mosaic).</summary>
    public int? RelativeOrbit { get; init; }
}
