namespace Axion.TileBuilder.Radiometry;

/// <summary>Which catalog convention a Sentinel-2 L2A item follows (decides who applied the BOA offset).</summary>
public enum S2CollectionFlavor
{
    /// <summary>Planetary Computer <c>sentinel-2-l2a</c>: raw DN, no scale/offset in the item.</summary>
    PlanetaryComputer,

    /// <summary>Earth Search <c>sentinel-2-l2a</c>: <c>earthsearch:boa_offset_applied</c> tells whether the offset was already applied.</summary>
    EarthSearchL2A,

    /// <summary>Earth Search <c>sentinel-2-c1-l2a</c>: raw DN, <c>raster:bands</c> scale/offset are right.</summary>
    EarthSearchC1,

    /// <summary>Any other catalog: asset scale/offset (<c>raster:bands</c> or STAC 1.1 <c>raster:scale</c>/<c>raster:offset</c>) when present, else the baseline.</summary>
    Generic,
}
