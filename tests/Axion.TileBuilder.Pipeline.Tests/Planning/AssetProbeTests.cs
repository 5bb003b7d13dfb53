using System.Globalization;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

public sealed class AssetProbeTests
{
    private const int BlockBytes = 256 * 256 * 2; // uncompressed UInt16 tile

    [Fact]
    public void Probe_reads_the_block_layout_from_the_tiff_header()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tiled.tif");
        using (var ds = GdalDataset.Create("GTiff", path, 1024, 1024, 1, GdalDataType.UInt16, ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256"]))
        {
            ds.GeoTransform = new GeoTransform(400_000, 10, 0, 5_000_000, 0, -10);
            using var srs = SpatialReference.FromEpsg(32632);
            ds.ProjectionWkt = srs.ToWkt();
            ds.GetBand(1).Write<ushort>(0, 0, 1024, 1024, new ushort[1024 * 1024]);
        }

        // The grid starts 100 px in and spans 512 px: blocks 0..2 in both directions.
        var grid = new TargetGrid(32632, 401_000, 4_999_000, 512, 512, 10);
        using var dataset = GdalDataset.Open(path);
        var asset = new AssetRef("item", "B04", new Uri("https://example.test/B04.tif"), "c");
        var plan = AssetProbe.Inspect(dataset, grid, asset, "B04", "bilinear", allowNonCog: false);

        Assert.Equal(ReadMethod.Aligned, plan.Method);
        Assert.Equal(new PixelWindow(100, 100, 512, 512), plan.SourceWindow);
        Assert.Equal((256, 256), (plan.BlockWidth, plan.BlockHeight));
        Assert.Equal(9, plan.Estimate.BlocksTouched);

        // Tiles are stored row by row: each block row of the window is one consecutive range.
        var firstOffset = long.Parse(dataset.GetBand(1).GetMetadataItem("BLOCK_OFFSET_0_0", "TIFF")!, CultureInfo.InvariantCulture);
        Assert.Equal(BlockBytes.ToString(CultureInfo.InvariantCulture), dataset.GetBand(1).GetMetadataItem("BLOCK_SIZE_1_1", "TIFF"));
        Assert.True(firstOffset < CogReadModel.IngestedBytesAtOpen);
        Assert.Equal(CogReadModel.IngestedBytesAtOpen, plan.Estimate.HeaderBytes);
        Assert.Equal(3, plan.Estimate.Ranges);
        Assert.Equal((9L * BlockBytes) - (CogReadModel.IngestedBytesAtOpen - firstOffset), plan.Estimate.BlockBytes);
        Assert.Equal(5, plan.Estimate.Requests);
    }

    [Theory]
    [InlineData(20, "bilinear", ReadMethod.Warped, "bilinear")]
    [InlineData(20, "cubic", ReadMethod.Warped, "cubic")]
    [InlineData(20, "near", ReadMethod.Aligned, "near")]
    [InlineData(60, "bilinear", ReadMethod.Warped, "bilinear")]
    [InlineData(60, "near", ReadMethod.Aligned, "near")]
    [InlineData(10, "cubic", ReadMethod.Aligned, "near")]
    public void A_coarser_band_on_the_grid_lattice_is_copied_only_for_nearest_and_warped_with_any_other_resampling(int resolution, string resampling, ReadMethod method, string planned)
    {
        using var dir = new TempDirectory();
        var path = dir.File("band.tif");
        var size = 6000 / resolution;
        using (var ds = GdalDataset.Create("GTiff", path, size, size, 1, GdalDataType.UInt16, ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256"]))
        {
            ds.GeoTransform = new GeoTransform(400_000, resolution, 0, 5_000_000, 0, -resolution);
            using var srs = SpatialReference.FromEpsg(32632);
            ds.ProjectionWkt = srs.ToWkt();
            ds.GetBand(1).Write<ushort>(0, 0, size, size, new ushort[size * size]);
        }

        // A 10 m grid 1200 m in, on the 10 m lattice of the source: aligned in the sense of GridReader.IsAligned.
        var grid = new TargetGrid(32632, 401_200, 4_998_800, 256, 256, 10);
        using var dataset = GdalDataset.Open(path);
        Assert.True(GridReader.IsAligned(dataset, grid));
        var asset = new AssetRef("item", "B05", new Uri("https://example.test/B05.tif"), "c");

        var plan = AssetProbe.Inspect(dataset, grid, asset, "B05", resampling, allowNonCog: false);

        Assert.Equal((method, planned), (plan.Method, plan.Resampling));
        Assert.Equal(resolution, plan.SourcePixelSize);
    }
}
