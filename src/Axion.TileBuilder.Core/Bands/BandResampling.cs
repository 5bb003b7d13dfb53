namespace Axion.TileBuilder.Bands;

/// <summary>
/// How a 20 m or 60 m band is brought onto the 10 m tile grid (<c>--resampling</c>). GDAL's pixel-is-area convention: a
/// pixel's value sits at its centre, so the centre of 10 m pixel <c>c</c> lies at source coordinate
/// <c>u = (c + 0.5) / f</c> (<c>f</c> = 2 for 20 m, 6 for 60 m, counted from the source's own origin), between source pixel
/// centres: for 20 m a quarter of a source pixel from the nearest centre (weights 3/4 and 1/4 per axis), for 60 m
/// 1/12, 3/12 or 5/12 of one.
/// </summary>
public enum BandResampling
{
    /// <summary>Bilinear interpolation of the 2 x 2 source pixels whose centres surround the 10 m pixel centre. The default.</summary>
    Bilinear,

    /// <summary>Cubic convolution (Keys, a = -0.5, GDAL's <c>cubic</c>) over 4 x 4 source pixels: sharper, may overshoot.</summary>
    Cubic,

    /// <summary>The source pixel that contains the 10 m pixel centre: an exact copy of source values (each 20 m pixel becomes 2 x 2).</summary>
    Nearest,
}
