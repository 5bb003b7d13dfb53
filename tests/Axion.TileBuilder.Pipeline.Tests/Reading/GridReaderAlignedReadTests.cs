using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Reading;

public sealed class GridReaderAlignedReadTests : IDisposable
{
    private const double X0 = 500000;
    private const double Y0 = 5000000;
    private const ushort Fill = 0;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Factor_1_copies_the_source_pixel_under_every_target_pixel()
    {
        using var source = Open(10, 100, 80);
        var grid = new TargetGrid(32631, X0 + 70, Y0 - 30, 40, 30, 10);
        Assert.True(GridReader.IsAligned(source, grid));

        var values = GridReader.ReadAligned<ushort>(source, 1, grid, Fill);

        Assert.Equal(40 * 30, values.Length);
        for (var r = 0; r < grid.Height; r++)
        {
            for (var c = 0; c < grid.Width; c++)
            {
                Assert.Equal(TestRasters.Value(c + 7, r + 3), values[(r * grid.Width) + c]);
            }
        }
    }

    [Theory]
    [InlineData(-5, -4, 20, 20)] // over the top-left corner
    [InlineData(90, 70, 20, 20)] // over the bottom-right corner
    [InlineData(-3, 10, 110, 5)] // wider than the raster on both sides
    public void Factor_1_grid_partly_outside_gets_fill_outside_and_source_inside(int colOffset, int rowOffset, int width, int height)
    {
        using var source = Open(10, 100, 80);
        var grid = new TargetGrid(32631, X0 + (colOffset * 10), Y0 - (rowOffset * 10), width, height, 10);

        var values = GridReader.ReadAligned<ushort>(source, 1, grid, Fill);

        var (inside, outside) = AssertMatchesCentres(values, grid, source.GeoTransform, 100, 80);
        Assert.True(inside > 0);
        Assert.True(outside > 0);
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(-30, 0)]
    [InlineData(0, 80)]
    [InlineData(0, -20)]
    public void Grid_fully_outside_is_all_fill(int colOffset, int rowOffset)
    {
        using var source = Open(10, 100, 80);
        var grid = new TargetGrid(32631, X0 + (colOffset * 10), Y0 - (rowOffset * 10), 20, 20, 10);

        var values = GridReader.ReadAligned<ushort>(source, 1, grid, (ushort)65535);

        Assert.All(values, v => Assert.Equal(65535, v));
    }

    [Theory]
    [InlineData(1, 1, 80, 70)] // odd offset: the grid starts in the middle of a 20 m pixel
    [InlineData(3, 5, 130, 110)] // odd offset and beyond the right and bottom edges
    [InlineData(-1, -3, 40, 30)] // odd offset before the raster: first column/rows are fill
    [InlineData(2, 4, 20, 20)] // even offset
    public void Factor_2_takes_the_20m_pixel_containing_each_target_centre(int colOffset, int rowOffset, int width, int height)
    {
        using var source = Open(20, 60, 50);
        var grid = new TargetGrid(32631, X0 + (colOffset * 10), Y0 - (rowOffset * 10), width, height, 10);
        Assert.True(GridReader.IsAligned(source, grid));

        var values = GridReader.ReadAligned<ushort>(source, 1, grid, Fill);

        var (inside, _) = AssertMatchesCentres(values, grid, source.GeoTransform, 60, 50);
        Assert.True(inside > 0);
    }

    [Fact]
    public void Factor_2_odd_offset_concrete_values()
    {
        using var source = Open(20, 60, 50);
        var grid = new TargetGrid(32631, X0 + 10, Y0 - 10, 4, 3, 10);

        var values = GridReader.ReadAligned<ushort>(source, 1, grid, Fill);

        // Target columns 0..3 have centres 15, 25, 35, 45 m east of the source origin: source columns 0, 1, 1, 2.
        // Target rows 0..2 have centres 15, 25, 35 m south: source rows 0, 1, 1.
        ushort V(int c, int r) => TestRasters.Value(c, r);
        ushort[] expected =
        [
            V(0, 0), V(1, 0), V(1, 0), V(2, 0),
            V(0, 1), V(1, 1), V(1, 1), V(2, 1),
            V(0, 1), V(1, 1), V(1, 1), V(2, 1),
        ];
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Factor_1_reads_float_with_a_non_zero_fill()
    {
        var path = _dir.File("f.tif");
        using (var ds = GdalDataset.Create("GTiff", path, 10, 10, 1, GdalDataType.Float32))
        {
            ds.GeoTransform = new GeoTransform(X0, 10, 0, Y0, 0, -10);
            using var srs = SpatialReference.FromEpsg(32631);
            ds.ProjectionWkt = srs.ToWkt();
            var data = Enumerable.Range(0, 100).Select(i => i * 0.5f).ToArray();
            ds.GetBand(1).Write<float>(0, 0, 10, 10, data);
        }

        using var source = GdalDataset.Open(path);
        var grid = new TargetGrid(32631, X0 + 80, Y0, 4, 1, 10);

        var values = GridReader.ReadAligned(source, 1, grid, -9999f);

        Assert.Equal([4f, 4.5f, -9999f, -9999f], values);
    }

    /// <summary>
    /// Checks every target pixel against the source pixel that contains its centre (computed from
    /// the geotransforms); returns how many pixels were inside and outside the raster.
    /// </summary>
    private static (int Inside, int Outside) AssertMatchesCentres(ushort[] values, TargetGrid grid, GeoTransform gt, int sourceWidth, int sourceHeight)
    {
        int inside = 0, outside = 0;
        for (var r = 0; r < grid.Height; r++)
        {
            for (var c = 0; c < grid.Width; c++)
            {
                var x = grid.OriginX + ((c + 0.5) * grid.PixelSize);
                var y = grid.OriginY - ((r + 0.5) * grid.PixelSize);
                var (col, row) = gt.WorldToPixel(x, y);
                var sc = (int)Math.Floor(col);
                var sr = (int)Math.Floor(row);
                var actual = values[(r * grid.Width) + c];
                if (sc >= 0 && sc < sourceWidth && sr >= 0 && sr < sourceHeight)
                {
                    inside++;
                    Assert.True(TestRasters.Value(sc, sr) == actual, $"target ({c},{r}): expected source ({sc},{sr}) = {TestRasters.Value(sc, sr)}, got {actual}");
                }
                else
                {
                    outside++;
                    Assert.True(actual == Fill, $"target ({c},{r}) is outside the raster: expected fill, got {actual}");
                }
            }
        }

        return (inside, outside);
    }

    private GdalDataset Open(double pixel, int width, int height)
    {
        var path = TestRasters.Write(
            _dir.File(Guid.NewGuid().ToString("N") + ".tif"),
            width,
            height,
            new GeoTransform(X0, pixel, 0, Y0, 0, -pixel),
            creationOptions: ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"]);
        return GdalDataset.Open(path);
    }
}
