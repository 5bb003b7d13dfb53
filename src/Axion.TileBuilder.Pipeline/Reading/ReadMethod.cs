namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>How an asset window was brought onto the AOI grid (recorded per row).</summary>
public enum ReadMethod
{
    /// <summary>Same CRS, grid-aligned: the source pixels were copied (nearest for coarser bands, e.g. 20 m SCL).</summary>
    Aligned,

    /// <summary>Different CRS or sub-pixel offset: warped onto the AOI grid with GDALWarp.</summary>
    Warped,
}
