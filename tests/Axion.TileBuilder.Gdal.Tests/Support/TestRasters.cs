namespace Axion.TileBuilder.Gdal.Tests.Support;

/// <summary>Small rasters with values that are a known function of the pixel position.</summary>
internal static class TestRasters
{
    /// <summary>UTM 33N, 10 m pixels, north-up.</summary>
    public static readonly GeoTransform Utm33Transform = new(399960, 10, 0, 5800020, 0, -10);

    public const int Epsg = 32633;

    /// <summary>Band 1 value at (col,row).</summary>
    public static ushort UInt16Value(int col, int row) => (ushort)((row * 300) + col + 1);

    /// <summary>Band 2 value at (col,row): differs from band 1 everywhere.</summary>
    public static ushort UInt16Value2(int col, int row) => (ushort)(60000 - (row * 7) - (col * 3));

    public static float Float32Value(int col, int row) => (col * 0.5f) - (row * 0.25f) - 100.125f;

    public static T[] Fill<T>(int width, int height, Func<int, int, T> value)
    {
        var data = new T[width * height];
        for (var row = 0; row < height; row++)
        {
            for (var col = 0; col < width; col++)
            {
                data[(row * width) + col] = value(col, row);
            }
        }

        return data;
    }

    /// <summary>Writes a tiled 2-band UInt16 GeoTIFF (EPSG:32633, nodata 0, 64 x 64 blocks).</summary>
    public static string WriteUInt16GeoTiff(string path, int width = 200, int height = 150)
    {
        using var dataset = GdalDataset.Create(
            "GTiff", path, width, height, 2, GdalDataType.UInt16, ["TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64"]);
        dataset.GeoTransform = Utm33Transform;
        using (var srs = SpatialReference.FromEpsg(Epsg))
        {
            dataset.ProjectionWkt = srs.ToWkt();
        }

        var band1 = dataset.GetBand(1);
        band1.Write<ushort>(0, 0, width, height, Fill(width, height, UInt16Value));
        band1.SetNoDataValue(0);
        var band2 = dataset.GetBand(2);
        band2.Write<ushort>(0, 0, width, height, Fill(width, height, UInt16Value2));
        band2.SetNoDataValue(0);
        return path;
    }
}
