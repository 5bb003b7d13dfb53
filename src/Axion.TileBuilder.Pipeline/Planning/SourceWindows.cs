using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Pipeline.Reading;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The source pixels a read of a <see cref="TargetGrid"/> needs, for aligned copies and for warps.</summary>
public static class SourceWindows
{
    /// <summary>Extra source pixels around a warp's footprint: the bilinear kernel radius plus GDALWarp's own margin.</summary>
    public const int WarpPadding = 2;

    /// <summary>
    /// Extra source pixels around the footprint of a GCP warp, on top of <see cref="WarpPadding"/>: the window is
    /// estimated with an order-2 polynomial through the GCPs while the warp uses a thin-plate spline; on the GRD
    /// geometry of the local catalog the two differ by up to ~2 pixels.
    /// </summary>
    public const int GcpMargin = 6;

    private const int EdgeSamples = 16;

    /// <summary>
    /// The window an aligned read copies (the same arithmetic as the aligned grid read): the source
    /// pixels that hold the target pixel centres, clipped to the raster; null when it misses the raster.
    /// </summary>
    /// <param name="source">Geotransform of the source (north-up, pixel size a whole multiple of the grid's).</param>
    /// <param name="sourceWidth">Source width, pixels.</param>
    /// <param name="sourceHeight">Source height, pixels.</param>
    /// <param name="grid">The target grid.</param>
    public static PixelWindow? Aligned(GeoTransform source, int sourceWidth, int sourceHeight, TargetGrid grid)
    {
        var factor = (long)Math.Round(source.PixelWidth / grid.PixelSize);
        var offsetCols = (long)Math.Round((grid.OriginX - source.OriginX) / grid.PixelSize);
        var offsetRows = (long)Math.Round((source.OriginY - grid.OriginY) / grid.PixelSize);
        var col0 = Math.Max(FloorDiv(offsetCols, factor), 0);
        var row0 = Math.Max(FloorDiv(offsetRows, factor), 0);
        var col1 = Math.Min(FloorDiv(offsetCols + grid.Width - 1, factor), sourceWidth - 1);
        var row1 = Math.Min(FloorDiv(offsetRows + grid.Height - 1, factor), sourceHeight - 1);
        return col1 < col0 || row1 < row0 ? null : new PixelWindow((int)col0, (int)row0, (int)(col1 - col0 + 1), (int)(row1 - row0 + 1));
    }

    /// <summary>
    /// The window a warp reads: the grid's outline (densified) transformed into the source CRS and
    /// pixel space, padded by <see cref="WarpPadding"/>, clipped to the raster; null when it misses.
    /// </summary>
    public static PixelWindow? Warped(GdalDataset source, TargetGrid grid)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (xa, ya) = Outline(grid);
        if (source.Epsg is { } epsg && epsg != grid.Epsg)
        {
            using var transform = CoordinateTransform.Create(grid.Epsg, epsg);
            transform.Transform(xa, ya);
        }

        var gt = source.GeoTransform;
        return PaddedBounds(xa, ya, gt.WorldToPixel, WarpPadding, source.Width, source.Height);
    }

    /// <summary>
    /// The window a warp through the raster's GCPs reads (Sentinel-1 GRD): the grid's outline (densified) transformed
    /// into the GCP CRS, then to pixel space with a least-squares order-2 polynomial through the GCPs
    /// (<see cref="GcpPolynomial"/>), padded by <see cref="WarpPadding"/> + <see cref="GcpMargin"/>, clipped to the
    /// raster; null when it misses or the raster has too few GCPs. An estimate: the warp itself uses a thin-plate spline.
    /// </summary>
    public static PixelWindow? WarpedByGcps(GdalDataset source, TargetGrid grid)
    {
        ArgumentNullException.ThrowIfNull(source);
        var gcps = source.GetGcps();
        if (gcps.Count < 6)
        {
            return null;
        }

        var (xa, ya) = Outline(grid);
        int? gcpEpsg = null;
        if (!string.IsNullOrWhiteSpace(source.GcpProjectionWkt))
        {
            using var srs = SpatialReference.FromWkt(source.GcpProjectionWkt);
            gcpEpsg = srs.Epsg;
        }

        using (var transform = CoordinateTransform.Create(grid.Epsg, gcpEpsg ?? 4326))
        {
            transform.Transform(xa, ya);
        }

        var polynomial = GcpPolynomial.Fit(gcps);
        return PaddedBounds(xa, ya, polynomial.ToPixel, WarpPadding + GcpMargin, source.Width, source.Height);
    }

    /// <summary>The pixel bounds of the finite points under <paramref name="toPixel"/>, padded and clipped to the raster; null when empty.</summary>
    private static PixelWindow? PaddedBounds(double[] xa, double[] ya, Func<double, double, (double Col, double Row)> toPixel, int pad, int width, int height)
    {
        double minC = double.MaxValue, minR = double.MaxValue, maxC = double.MinValue, maxR = double.MinValue;
        for (var i = 0; i < xa.Length; i++)
        {
            if (!double.IsFinite(xa[i]) || !double.IsFinite(ya[i]))
            {
                continue;
            }

            var (c, r) = toPixel(xa[i], ya[i]);
            minC = Math.Min(minC, c);
            maxC = Math.Max(maxC, c);
            minR = Math.Min(minR, r);
            maxR = Math.Max(maxR, r);
        }

        if (minC > maxC)
        {
            return null;
        }

        var col0 = Math.Max((long)Math.Floor(minC) - pad, 0);
        var row0 = Math.Max((long)Math.Floor(minR) - pad, 0);
        var col1 = Math.Min((long)Math.Ceiling(maxC) + pad - 1, width - 1);
        var row1 = Math.Min((long)Math.Ceiling(maxR) + pad - 1, height - 1);
        return col1 < col0 || row1 < row0 ? null : new PixelWindow((int)col0, (int)row0, (int)(col1 - col0 + 1), (int)(row1 - row0 + 1));
    }

    private static (double[] Xs, double[] Ys) Outline(TargetGrid grid)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i <= EdgeSamples; i++)
        {
            var f = (double)i / EdgeSamples;
            var x = grid.OriginX + (f * (grid.MaxX - grid.OriginX));
            var y = grid.MinY + (f * (grid.OriginY - grid.MinY));
            xs.AddRange([x, x, grid.OriginX, grid.MaxX]);
            ys.AddRange([grid.OriginY, grid.MinY, y, y]);
        }

        return (xs.ToArray(), ys.ToArray());
    }

    private static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);
}
