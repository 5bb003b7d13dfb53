using Axion.TileBuilder.Gdal.Tests.Support;

namespace Axion.TileBuilder.Gdal.Tests;

public sealed class GdalDatasetTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void UInt16_GeoTiff_round_trips_sizes_georeferencing_nodata_and_blocks()
    {
        var path = TestRasters.WriteUInt16GeoTiff(_temp.File("u16.tif"));

        using var dataset = GdalDataset.Open(path);
        Assert.Equal(path, dataset.Path);
        Assert.Equal("GTiff", dataset.DriverShortName);
        Assert.Equal(200, dataset.Width);
        Assert.Equal(150, dataset.Height);
        Assert.Equal(2, dataset.BandCount);
        Assert.True(dataset.HasGeoTransform);
        Assert.Equal(TestRasters.Utm33Transform, dataset.GeoTransform);
        Assert.Equal(32633, dataset.Epsg);
        Assert.Contains("UTM zone 33N", dataset.ProjectionWkt, StringComparison.Ordinal);
        Assert.Equal(0, dataset.GcpCount);

        var band = dataset.GetBand(1);
        Assert.Equal(GdalDataType.UInt16, band.DataType);
        Assert.Equal((200, 150), (band.Width, band.Height));
        Assert.Equal((64, 64), band.BlockSize);
        Assert.Equal(0.0, band.NoDataValue);
        Assert.Equal(0, band.OverviewCount);
        Assert.Equal("PIXEL", dataset.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE"));
        Assert.Contains("INTERLEAVE=PIXEL", dataset.GetMetadata("IMAGE_STRUCTURE"));
    }

    [Theory]
    [InlineData(1, 0, 0, 200, 150)]
    [InlineData(1, 37, 21, 50, 40)]
    [InlineData(2, 150, 100, 50, 50)]
    [InlineData(2, 63, 63, 2, 2)]
    public void Window_reads_return_exactly_the_written_values(int bandIndex, int xOff, int yOff, int xSize, int ySize)
    {
        var path = TestRasters.WriteUInt16GeoTiff(_temp.File("u16.tif"));
        Func<int, int, ushort> expected = bandIndex == 1 ? TestRasters.UInt16Value : TestRasters.UInt16Value2;

        using var dataset = GdalDataset.Open(path);
        var buffer = new ushort[xSize * ySize];
        dataset.GetBand(bandIndex).Read<ushort>(xOff, yOff, xSize, ySize, buffer);

        for (var row = 0; row < ySize; row++)
        {
            for (var col = 0; col < xSize; col++)
            {
                Assert.Equal(expected(xOff + col, yOff + row), buffer[(row * xSize) + col]);
            }
        }
    }

    [Fact]
    public void Decimated_read_takes_the_nearest_pixel_and_converts_the_buffer_type()
    {
        var path = TestRasters.WriteUInt16GeoTiff(_temp.File("u16.tif"));
        using var dataset = GdalDataset.Open(path);

        // A 150 x 120 window read into 50 x 40: each buffer pixel is the centre of a 3 x 3 block.
        var buffer = new int[50 * 40];
        dataset.GetBand(1).Read<int>(30, 15, 150, 120, buffer, 50, 40);

        for (var row = 0; row < 40; row++)
        {
            for (var col = 0; col < 50; col++)
            {
                Assert.Equal(TestRasters.UInt16Value(30 + (3 * col) + 1, 15 + (3 * row) + 1), buffer[(row * 50) + col]);
            }
        }
    }

    [Fact]
    public void Float32_GeoTiff_round_trips_values()
    {
        var path = _temp.File("f32.tif");
        const int width = 90, height = 70;
        using (var created = GdalDataset.Create("GTiff", path, width, height, 1, GdalDataType.Float32))
        {
            created.GeoTransform = TestRasters.Utm33Transform;
            using var srs = SpatialReference.FromEpsg(32633);
            created.ProjectionWkt = srs.ToWkt();
            created.GetBand(1).Write<float>(0, 0, width, height, TestRasters.Fill(width, height, TestRasters.Float32Value));
            created.GetBand(1).SetNoDataValue(-9999);
        }

        using var dataset = GdalDataset.Open(path);
        var band = dataset.GetBand(1);
        Assert.Equal(GdalDataType.Float32, band.DataType);
        Assert.Equal(-9999.0, band.NoDataValue);
        Assert.Equal(32633, dataset.Epsg);

        var buffer = new float[25 * 33];
        band.Read<float>(41, 12, 25, 33, buffer);
        for (var row = 0; row < 33; row++)
        {
            for (var col = 0; col < 25; col++)
            {
                Assert.Equal(TestRasters.Float32Value(41 + col, 12 + row), buffer[(row * 25) + col]);
            }
        }

        // Read as double: GDAL converts, the values stay exact.
        var doubles = new double[4];
        band.Read<double>(88, 68, 2, 2, doubles);
        Assert.Equal(TestRasters.Float32Value(89, 69), doubles[3]);
    }

    [Fact]
    public void Mem_dataset_without_georeferencing_reports_identity_and_no_epsg()
    {
        using var dataset = GdalDataset.Create("MEM", "", 4, 3, 1, GdalDataType.Byte);
        Assert.Equal("MEM", dataset.DriverShortName);
        Assert.False(dataset.HasGeoTransform);
        Assert.Equal(GeoTransform.Identity, dataset.GeoTransform);
        Assert.Null(dataset.Epsg);
        Assert.Equal(string.Empty, dataset.ProjectionWkt);
        Assert.Null(dataset.GetBand(1).NoDataValue);

        dataset.SetMetadataItem("AXION_TEST", "42");
        Assert.Equal("42", dataset.GetMetadataItem("AXION_TEST"));
        Assert.Contains("AXION_TEST=42", dataset.GetMetadata());
        Assert.Null(dataset.GetMetadataItem("NOT_THERE"));
    }

    [Fact]
    public void Reading_outside_the_raster_raises_GdalException_with_gdal_text()
    {
        using var dataset = GdalDataset.Create("MEM", "", 10, 10, 1, GdalDataType.Byte);
        var buffer = new byte[25];
        var error = Assert.Throws<GdalException>(() => dataset.GetBand(1).Read<byte>(8, 8, 5, 5, buffer));
        Assert.Contains("Access window out of range", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, error.ErrorNumber);
        Assert.Equal(GdalErrorClass.Failure, error.ErrorClass);
    }

    [Fact]
    public void Bad_arguments_are_rejected_before_reaching_gdal()
    {
        using var dataset = GdalDataset.Create("MEM", "", 10, 10, 1, GdalDataType.Byte);
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.GetBand(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.GetBand(2));
        Assert.Throws<ArgumentException>(() => dataset.GetBand(1).Read<byte>(0, 0, 5, 5, new byte[24]));
        Assert.Throws<NotSupportedException>(() => dataset.GetBand(1).Read<long>(0, 0, 1, 1, new long[1]));
        var missingDriver = Assert.Throws<GdalException>(() => GdalDataset.Create("NoSuchDriver", "", 1, 1, 1, GdalDataType.Byte));
        Assert.Equal(Errors.FailureKind.Environment, missingDriver.Kind);
        Assert.Contains("'NoSuchDriver'", missingDriver.Message, StringComparison.Ordinal);
    }
}
