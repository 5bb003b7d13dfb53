namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>
/// The output raster every asset is read onto: a north-up grid in one UTM zone.
/// </summary>
/// <param name="Epsg">EPSG code of the grid's CRS.</param>
/// <param name="OriginX">Upper-left corner easting, metres.</param>
/// <param name="OriginY">Upper-left corner northing, metres.</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
/// <param name="PixelSize">Metres (10).</param>
public readonly record struct TargetGrid(int Epsg, double OriginX, double OriginY, int Width, int Height, double PixelSize)
{
    /// <summary>Easting of the right edge.</summary>
    public double MaxX => OriginX + (Width * PixelSize);

    /// <summary>Northing of the bottom edge.</summary>
    public double MinY => OriginY - (Height * PixelSize);

    /// <summary>Pixel count.</summary>
    public int Length => Width * Height;
}
