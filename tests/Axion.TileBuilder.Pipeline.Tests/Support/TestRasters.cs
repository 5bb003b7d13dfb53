using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>Small single-band UInt16 GeoTIFFs whose values encode the pixel position.</summary>
internal static class TestRasters
{
    /// <summary>Widest raster whose values stay distinct.</summary>
    public const int MaxWidth = 200;

    /// <summary>
    /// Value of source pixel (col, row): <c>1 + col + 200 * row</c>, distinct for widths up to
    /// <see cref="MaxWidth"/> and heights up to 300, never 0 (so 0 can be the fill).
    /// </summary>
    public static ushort Value(int col, int row) => (ushort)(1 + col + (MaxWidth * row));

    /// <summary>Writes a north-up GeoTIFF in <paramref name="epsg"/> with <see cref="Value"/> pixels.</summary>
    public static string Write(
        string path,
        int width,
        int height,
        GeoTransform transform,
        int epsg = 32631,
        double? noData = null,
        IReadOnlyList<string>? creationOptions = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 300);
        using var dataset = GdalDataset.Create("GTiff", path, width, height, 1, GdalDataType.UInt16, creationOptions);
        dataset.GeoTransform = transform;
        using (var srs = SpatialReference.FromEpsg(epsg))
        {
            dataset.ProjectionWkt = srs.ToWkt();
        }

        var data = new ushort[width * height];
        for (var row = 0; row < height; row++)
        {
            for (var col = 0; col < width; col++)
            {
                data[(row * width) + col] = Value(col, row);
            }
        }

        var band = dataset.GetBand(1);
        band.Write<ushort>(0, 0, width, height, data);
        if (noData is { } nd)
        {
            band.SetNoDataValue(nd);
        }

        return path;
    }
}
