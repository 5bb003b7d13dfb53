using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Reading;

public sealed class GridReaderAlignmentTests : IDisposable
{
    private const double X0 = 500000;
    private const double Y0 = 5000000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(70, -30)]
    [InlineData(-50, 120)]
    public void Same_epsg_10m_source_with_whole_pixel_offset_is_aligned(double dx, double dy)
    {
        using var source = Open(new GeoTransform(X0, 10, 0, Y0, 0, -10));
        Assert.True(GridReader.IsAligned(source, new TargetGrid(32631, X0 + dx, Y0 + dy, 50, 40, 10)));
    }

    [Theory]
    [InlineData(10, -10)]
    [InlineData(30, -50)]
    [InlineData(-10, 10)]
    public void Source_of_20m_with_10m_multiple_offset_is_aligned(double dx, double dy)
    {
        using var source = Open(new GeoTransform(X0, 20, 0, Y0, 0, -20));
        Assert.True(GridReader.IsAligned(source, new TargetGrid(32631, X0 + dx, Y0 + dy, 50, 40, 10)));
    }

    [Fact]
    public void Other_epsg_is_not_aligned()
    {
        using var source = Open(new GeoTransform(X0, 10, 0, Y0, 0, -10));
        Assert.False(GridReader.IsAligned(source, new TargetGrid(32632, X0, Y0, 50, 40, 10)));
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(0, -5)]
    [InlineData(10.5, 0)]
    public void Sub_pixel_offset_is_not_aligned(double dx, double dy)
    {
        using var source = Open(new GeoTransform(X0, 10, 0, Y0, 0, -10));
        Assert.False(GridReader.IsAligned(source, new TargetGrid(32631, X0 + dx, Y0 + dy, 50, 40, 10)));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(5)]
    [InlineData(25)]
    public void Pixel_size_not_a_whole_multiple_of_10m_is_not_aligned(double pixel)
    {
        using var source = Open(new GeoTransform(X0, pixel, 0, Y0, 0, -pixel));
        Assert.False(GridReader.IsAligned(source, new TargetGrid(32631, X0, Y0, 50, 40, 10)));
    }

    [Fact]
    public void Rotated_geotransform_is_not_aligned()
    {
        using var source = Open(new GeoTransform(X0, 10, 0.5, Y0, 0.5, -10));
        Assert.Equal(0.5, source.GeoTransform.RowRotation);
        Assert.False(GridReader.IsAligned(source, new TargetGrid(32631, X0, Y0, 50, 40, 10)));
    }

    [Fact]
    public void South_up_geotransform_is_not_aligned()
    {
        using var source = Open(new GeoTransform(X0, 10, 0, Y0, 0, 10));
        Assert.False(GridReader.IsAligned(source, new TargetGrid(32631, X0, Y0, 50, 40, 10)));
    }

    [Fact]
    public void Different_x_and_y_pixel_sizes_are_not_aligned()
    {
        using var source = Open(new GeoTransform(X0, 10, 0, Y0, 0, -20));
        Assert.False(GridReader.IsAligned(source, new TargetGrid(32631, X0, Y0, 50, 40, 10)));
    }

    private GdalDataset Open(GeoTransform transform)
    {
        var path = TestRasters.Write(_dir.File(Guid.NewGuid().ToString("N") + ".tif"), 20, 20, transform);
        return GdalDataset.Open(path);
    }
}
