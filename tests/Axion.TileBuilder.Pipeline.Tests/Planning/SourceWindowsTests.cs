using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Reading;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

public sealed class SourceWindowsTests
{
    private static readonly TargetGrid Grid = new(32632, 500_000, 5_000_000, 512, 512, 10);

    [Fact]
    public void Same_pixel_size_window_is_the_grid_offset()
    {
        var source = new GeoTransform(491_170, 10, 0, 5_008_890, 0, -10);
        Assert.Equal(new PixelWindow(883, 889, 512, 512), SourceWindows.Aligned(source, 2048, 2048, Grid));
    }

    [Theory]
    [InlineData(491_160, 5_008_900, 442, 445, 256, 256)] // even offset: 256 x 256 SCL pixels at 20 m
    [InlineData(491_170, 5_008_890, 441, 444, 257, 257)] // odd offset: one more column and row
    public void Twenty_metre_window_covers_the_target_centres(double x0, double y0, int col, int row, int w, int h)
    {
        var source = new GeoTransform(x0, 20, 0, y0, 0, -20);
        Assert.Equal(new PixelWindow(col, row, w, h), SourceWindows.Aligned(source, 1024, 1024, Grid));
    }

    [Fact]
    public void Window_is_clipped_to_the_raster_or_null_when_it_misses()
    {
        var partial = new GeoTransform(499_000, 10, 0, 5_001_000, 0, -10);
        Assert.Equal(new PixelWindow(100, 100, 412, 412), SourceWindows.Aligned(partial, 512, 512, Grid));
        var far = new GeoTransform(100_000, 10, 0, 5_001_000, 0, -10);
        Assert.Null(SourceWindows.Aligned(far, 512, 512, Grid));
    }

    [Fact]
    public void Warped_window_of_a_shifted_grid_is_the_footprint_plus_padding()
    {
        using var ds = GdalDataset.Create("MEM", string.Empty, 2048, 2048, 1, GdalDataType.UInt16);
        ds.GeoTransform = new GeoTransform(491_175, 10, 0, 5_008_895, 0, -10); // half-pixel shift: not aligned
        ds.ProjectionWkt = Wkt(32632);
        Assert.False(GridReader.IsAligned(ds, Grid));
        var window = SourceWindows.Warped(ds, Grid);
        Assert.NotNull(window);

        // Footprint columns 882.5..1394.5 and rows 889.5..1401.5, widened to whole pixels and padded by 2.
        Assert.Equal(new PixelWindow(880, 887, 517, 517), window.Value);
    }

    private static string Wkt(int epsg)
    {
        using var srs = SpatialReference.FromEpsg(epsg);
        return srs.ToWkt();
    }
}
