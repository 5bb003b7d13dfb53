namespace Axion.TileBuilder.Gdal;

/// <summary>
/// An affine geotransform in GDAL's order: world X = OriginX + col * PixelWidth + row * RowRotation,
/// world Y = OriginY + col * ColumnRotation + row * PixelHeight, where (col, row) is the pixel corner
/// (0, 0 = top-left corner of the top-left pixel). Units are those of the raster's CRS (metres for UTM).
/// </summary>
/// <param name="OriginX">X of the top-left corner (GDAL gt[0]).</param>
/// <param name="PixelWidth">X step per column (gt[1]), positive.</param>
/// <param name="RowRotation">X step per row (gt[2]), 0 for north-up.</param>
/// <param name="OriginY">Y of the top-left corner (gt[3]).</param>
/// <param name="ColumnRotation">Y step per column (gt[4]), 0 for north-up.</param>
/// <param name="PixelHeight">Y step per row (gt[5]), negative for north-up.</param>
public readonly record struct GeoTransform(
    double OriginX,
    double PixelWidth,
    double RowRotation,
    double OriginY,
    double ColumnRotation,
    double PixelHeight)
{
    /// <summary>GDAL's default when a raster has none: (0, 1, 0, 0, 0, 1).</summary>
    public static GeoTransform Identity { get; } = new(0, 1, 0, 0, 0, 1);

    /// <summary>True when there is no rotation term (north-up or south-up).</summary>
    public bool IsAxisAligned => RowRotation == 0 && ColumnRotation == 0;

    /// <summary>Builds a geotransform from GDAL's six coefficients.</summary>
    /// <exception cref="ArgumentException">When <paramref name="coefficients"/> does not hold exactly six values.</exception>
    public static GeoTransform FromArray(ReadOnlySpan<double> coefficients)
    {
        if (coefficients.Length != 6)
        {
            throw new ArgumentException(
                $"A geotransform has 6 coefficients, got {coefficients.Length}.", nameof(coefficients));
        }

        return new GeoTransform(
            coefficients[0], coefficients[1], coefficients[2], coefficients[3], coefficients[4], coefficients[5]);
    }

    /// <summary>The six coefficients in GDAL's order.</summary>
    public double[] ToArray() => [OriginX, PixelWidth, RowRotation, OriginY, ColumnRotation, PixelHeight];

    /// <summary>World coordinates of a pixel position (corner convention: use col + 0.5 for a pixel centre).</summary>
    public (double X, double Y) PixelToWorld(double col, double row) =>
        (OriginX + (col * PixelWidth) + (row * RowRotation), OriginY + (col * ColumnRotation) + (row * PixelHeight));

    /// <summary>Fractional pixel position (corner convention) of a world coordinate; floor it for the pixel index.</summary>
    /// <exception cref="InvalidOperationException">When the transform is degenerate (not invertible).</exception>
    public (double Col, double Row) WorldToPixel(double x, double y)
    {
        var det = (PixelWidth * PixelHeight) - (RowRotation * ColumnRotation);
        if (det == 0 || !double.IsFinite(det))
        {
            throw new InvalidOperationException($"The geotransform {this} cannot be inverted (determinant {det}).");
        }

        var dx = x - OriginX;
        var dy = y - OriginY;
        var col = ((PixelHeight * dx) - (RowRotation * dy)) / det;
        var row = ((PixelWidth * dy) - (ColumnRotation * dx)) / det;
        return (col, row);
    }
}
