namespace Axion.TileBuilder.Grid;

/// <summary>A rectangle of pixels: offsets from the upper-left of the enclosing raster, pixels.</summary>
/// <param name="XOff">Column of the first pixel.</param>
/// <param name="YOff">Row of the first pixel.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct PixelWindow(int XOff, int YOff, int Width, int Height);
