using System.Globalization;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Rows;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// Decides from an open dataset (header only: geotransform, CRS, block layout) how an asset is read
/// onto the grid and what the read costs. Blocking: call on an I/O thread.
/// </summary>
internal static class AssetProbe
{
    private const string TiffDomain = "TIFF";

    /// <summary>
    /// The read plan of <paramref name="asset"/> onto <paramref name="grid"/>, from its header. A source on the grid's lattice
    /// (<see cref="GridReader.IsAligned"/>) is copied when its pixels are the grid's size or <paramref name="warpResampling"/>
    /// is <c>near</c> (each target pixel takes the source pixel holding its centre: what a nearest warp gives, without one);
    /// a coarser source with another resampling (a 20 m or 60 m band, bilinear or cubic) is warped onto the grid with it.
    /// </summary>
    /// <param name="dataset">The open asset (header only is read).</param>
    /// <param name="grid">The AOI grid.</param>
    /// <param name="asset">The asset (for messages and the plan).</param>
    /// <param name="band">Band role (<c>SCL</c>, <c>B05</c>, <c>vv</c>, ...).</param>
    /// <param name="warpResampling">gdalwarp <c>-r</c> name used when the source is not copied.</param>
    /// <param name="allowNonCog">Plan reads of files that are not cloud-optimized instead of refusing them.</param>
    /// <exception cref="RowFailedException">
    /// Permanent <c>not_cloud_optimized</c> when the layout does not suit window reads (<see cref="CogLayout"/>) and
    /// <paramref name="allowNonCog"/> is false: thrown from the header, before any pixel is read.
    /// </exception>
    public static AssetReadPlan Inspect(GdalDataset dataset, TargetGrid grid, AssetRef asset, string band, string warpResampling, bool allowNonCog)
    {
        var gcpOnly = GridReader.IsGcpOnly(dataset);
        var aligned = !gcpOnly && GridReader.IsAligned(dataset, grid)
            && (warpResampling == "near" || Math.Abs(dataset.GeoTransform.PixelWidth - grid.PixelSize) < 1e-6);
        var gt = dataset.GeoTransform;
        var window = gcpOnly
            ? SourceWindows.WarpedByGcps(dataset, grid)
            : aligned
            ? SourceWindows.Aligned(gt, dataset.Width, dataset.Height, grid)
            : SourceWindows.Warped(dataset, grid);
        var raster = dataset.GetBand(1);
        var (blockWidth, blockHeight) = raster.BlockSize;
        if (!allowNonCog && CogLayout.Problem(dataset.Width, dataset.Height, blockWidth, blockHeight, window) is { } problem)
        {
            throw new RowFailedException(
                FailureKind.Permanent,
                "not_cloud_optimized",
                $"asset {asset.AssetKey} ({band}) of {asset.ItemId} is not a cloud-optimized GeoTIFF: {problem}; refused after reading its header (--allow-non-cog reads it, within --max-read-factor)");
        }

        var layout = Layout(raster, blockWidth, blockHeight);
        var touched = new List<ByteRange>();
        if (window is { } w)
        {
            foreach (var (c, r) in BlockMath.TouchedBlocks(w, blockWidth, blockHeight).Blocks())
            {
                if (layout.Blocks.TryGetValue((c, r), out var range))
                {
                    touched.Add(range);
                }
            }
        }

        // A COG stores the overview blocks before the full-resolution ones: the smallest full-resolution
        // offset is the header end only without overviews (see docs/architecture.md, "Plan and estimate").
        var firstData = raster.OverviewCount == 0 && layout.Blocks.Count > 0 ? layout.Blocks.Values.Min(b => b.Offset) : (long?)null;
        return new AssetReadPlan
        {
            Band = band,
            ItemId = asset.ItemId,
            AssetKey = asset.AssetKey,
            Href = asset.Href.AbsoluteUri,
            Method = aligned ? ReadMethod.Aligned : ReadMethod.Warped,
            Resampling = aligned ? "near" : warpResampling,
            SourceEpsg = dataset.Epsg,
            SourceWidth = dataset.Width,
            SourceHeight = dataset.Height,
            SourcePixelSize = gcpOnly ? 0 : gt.PixelWidth,
            Transform = gcpOnly ? "gcp-tps" : null,
            SourceWindow = window,
            BlockWidth = blockWidth,
            BlockHeight = blockHeight,
            Estimate = CogReadModel.Estimate(touched, CogReadModel.HeaderBytes(firstData, layout.End)),
            Asset = asset,
        };
    }

    /// <summary>Offset and compressed size of every block of band 1 (full resolution) from the TIFF metadata domain.</summary>
    private static (Dictionary<(int, int), ByteRange> Blocks, long End) Layout(GdalBand band, int blockWidth, int blockHeight)
    {
        var columns = (band.Width + blockWidth - 1) / blockWidth;
        var rows = (band.Height + blockHeight - 1) / blockHeight;
        var blocks = new Dictionary<(int, int), ByteRange>(columns * rows);
        long end = 0;
        var inv = CultureInfo.InvariantCulture;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var offset = band.GetMetadataItem(string.Create(inv, $"BLOCK_OFFSET_{c}_{r}"), TiffDomain);
                var size = band.GetMetadataItem(string.Create(inv, $"BLOCK_SIZE_{c}_{r}"), TiffDomain);
                if (long.TryParse(offset, NumberStyles.Integer, inv, out var o) && long.TryParse(size, NumberStyles.Integer, inv, out var s) && s > 0)
                {
                    blocks[(c, r)] = new ByteRange(o, s);
                    end = Math.Max(end, o + s);
                }
            }
        }

        return (blocks, end);
    }
}
