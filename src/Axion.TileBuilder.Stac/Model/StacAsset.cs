using System.Text.Json;

namespace Axion.TileBuilder.Stac.Model;

/// <summary>
/// One asset of a STAC item with the raster facts axion-tiles uses. All raster fields are what the
/// catalog declares (not checked against the file: prefer what GDAL reads).
/// </summary>
public sealed record StacAsset
{
    /// <summary>The key of the asset in the item's <c>assets</c> object (<c>B04</c>, <c>red</c>, <c>vv</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The href exactly as the catalog gave it (unsigned, unvalidated: see <c>HrefPolicy</c>).</summary>
    public required string Href { get; init; }

    /// <summary>Media type, e.g. <c>image/tiff; application=geotiff; profile=cloud-optimized</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Asset roles (<c>data</c>, <c>reflectance</c>, <c>metadata</c>, ...); empty when absent.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>
    /// Multiplier from DN to physical value: <c>raster:bands[0].scale</c> (STAC 1.0) or
    /// <c>raster:scale</c> on the asset (STAC 1.1); null when not declared (Planetary Computer S2).
    /// </summary>
    public double? Scale { get; init; }

    /// <summary>Additive offset after scaling (<c>offset</c> / <c>raster:offset</c>); null when not declared.</summary>
    public double? Offset { get; init; }

    /// <summary>Declared nodata value (<c>nodata</c>; may be NaN or infinity); null when not declared.</summary>
    public double? NoData { get; init; }

    /// <summary>Declared data type (<c>uint16</c>, <c>float32</c>, ...); null when not declared.</summary>
    public string? DataType { get; init; }

    /// <summary>
    /// <c>proj:shape</c> as [rows, cols]; the item-level value when the asset has none (projection
    /// extension rule). Null when neither declares it.
    /// </summary>
    public int[]? ProjShape { get; init; }

    /// <summary>
    /// <c>proj:transform</c>, the first 6 numbers in affine order <c>[xres, 0, xmin, 0, -yres, ymax]</c>
    /// (a 9-number 3x3 matrix is cut to 6); the item-level value when the asset has none. Null when
    /// absent or shorter than 6.
    /// </summary>
    public double[]? ProjTransform { get; init; }

    /// <summary>EPSG code from <c>proj:epsg</c> or <c>proj:code</c> on the asset itself; null otherwise (see <c>StacItem.EpsgOf</c>).</summary>
    public int? Epsg { get; init; }

    /// <summary>File size in bytes (<c>file:size</c>); null when not declared.</summary>
    public long? FileSize { get; init; }

    /// <summary>The raw asset object (cloned; valid after the source document is disposed).</summary>
    public JsonElement Fields { get; init; }

    /// <summary>True when <see cref="Roles"/> contains <paramref name="role"/> (ordinal, case-insensitive).</summary>
    public bool HasRole(string role) => Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
