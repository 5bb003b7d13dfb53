using System.Globalization;
using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>
/// Reads one band of an open dataset onto a <see cref="TargetGrid"/>, touching only the source
/// blocks under the window. Blocking: call on a dedicated I/O thread.
/// </summary>
internal static class GridReader
{
    private const double Tolerance = 1e-6;

    /// <summary>
    /// True when the source can be copied pixel for pixel: same CRS, north-up, no rotation, a pixel
    /// size that is a whole multiple of the target's, and an offset that is a whole number of target pixels.
    /// </summary>
    public static bool IsAligned(GdalDataset source, TargetGrid grid)
    {
        var gt = source.GeoTransform;
        if (source.Epsg != grid.Epsg || gt.RowRotation != 0 || gt.ColumnRotation != 0 || gt.PixelHeight >= 0)
        {
            return false;
        }

        var factorX = gt.PixelWidth / grid.PixelSize;
        var factorY = -gt.PixelHeight / grid.PixelSize;
        if (!IsWhole(factorX) || !IsWhole(factorY) || Math.Round(factorX) < 1 || Math.Abs(factorX - factorY) > Tolerance)
        {
            return false;
        }

        return IsWhole((grid.OriginX - gt.OriginX) / grid.PixelSize) && IsWhole((gt.OriginY - grid.OriginY) / grid.PixelSize);
    }

    /// <summary>
    /// Aligned read: the source window under the grid (clipped to the raster) is read once and each
    /// target pixel takes the source pixel that contains its centre. Pixels outside the raster get <paramref name="fill"/>.
    /// </summary>
    public static T[] ReadAligned<T>(GdalDataset source, int bandIndex, TargetGrid grid, T fill)
        where T : unmanaged
    {
        var gt = source.GeoTransform;
        var band = source.GetBand(bandIndex);
        var factor = (int)Math.Round(gt.PixelWidth / grid.PixelSize);
        var result = new T[grid.Length];
        Array.Fill(result, fill);

        // Target pixel (c, r) centre lies in source column floor((x0 - sx0)/p + (c + 0.5)/factor).
        var offsetCols = (long)Math.Round((grid.OriginX - gt.OriginX) / grid.PixelSize);
        var offsetRows = (long)Math.Round((gt.OriginY - grid.OriginY) / grid.PixelSize);
        var srcCol0 = FloorDiv(offsetCols, factor);
        var srcRow0 = FloorDiv(offsetRows, factor);
        var srcCol1 = FloorDiv(offsetCols + grid.Width - 1, factor);
        var srcRow1 = FloorDiv(offsetRows + grid.Height - 1, factor);
        var readCol0 = (int)Math.Max(srcCol0, 0);
        var readRow0 = (int)Math.Max(srcRow0, 0);
        var readCol1 = (int)Math.Min(srcCol1, source.Width - 1);
        var readRow1 = (int)Math.Min(srcRow1, source.Height - 1);
        if (readCol1 < readCol0 || readRow1 < readRow0)
        {
            return result;
        }

        var readWidth = readCol1 - readCol0 + 1;
        var readHeight = readRow1 - readRow0 + 1;
        var window = new T[readWidth * readHeight];
        band.Read<T>(readCol0, readRow0, readWidth, readHeight, window);

        for (var r = 0; r < grid.Height; r++)
        {
            var srcRow = FloorDiv(offsetRows + r, factor);
            if (srcRow < readRow0 || srcRow > readRow1)
            {
                continue;
            }

            var windowRow = (int)(srcRow - readRow0) * readWidth;
            var targetRow = r * grid.Width;
            if (factor == 1)
            {
                var firstCol = Math.Max(0, readCol0 - (int)offsetCols);
                var lastCol = Math.Min(grid.Width - 1, readCol1 - (int)offsetCols);
                if (lastCol >= firstCol)
                {
                    window.AsSpan(windowRow + (int)(offsetCols + firstCol - readCol0), lastCol - firstCol + 1)
                        .CopyTo(result.AsSpan(targetRow + firstCol));
                }

                continue;
            }

            for (var c = 0; c < grid.Width; c++)
            {
                var srcCol = FloorDiv(offsetCols + c, factor);
                if (srcCol >= readCol0 && srcCol <= readCol1)
                {
                    result[targetRow + c] = window[windowRow + (int)(srcCol - readCol0)];
                }
            }
        }

        return result;
    }

    /// <summary>gdalwarp arguments of a read through ground control points (Sentinel-1 GRD): a thin-plate spline.</summary>
    public static readonly IReadOnlyList<string> GcpWarpOptions = ["-tps"];

    /// <summary>True when the source is geolocated only by GCPs (no geotransform): it must be warped with <see cref="GcpWarpOptions"/>.</summary>
    public static bool IsGcpOnly(GdalDataset source) => !source.HasGeoTransform && source.GcpCount > 0;

    /// <summary>
    /// Warped read: GDALWarp of the source onto the grid into memory. GDAL reads only the source
    /// blocks the warp needs. <paramref name="resampling"/> is a gdalwarp <c>-r</c> name;
    /// <paramref name="extraOptions"/> are appended (e.g. <c>-tps</c>, <c>-ot Float32</c>).
    /// </summary>
    public static T[] ReadWarped<T>(GdalDataset source, int bandIndex, TargetGrid grid, string resampling, double? noData, IReadOnlyList<string>? extraOptions = null)
        where T : unmanaged
    {
        var inv = CultureInfo.InvariantCulture;

        // gdalwarp in GDAL 3.6 has no -b: warp a one-band VRT view of the wanted band instead.
        using var single = source.BandCount == 1 && bandIndex == 1
            ? null
            : GdalUtilities.Translate(string.Empty, source, ["-of", "VRT", "-b", bandIndex.ToString(inv)]);
        var input = single ?? source;
        var options = new List<string>
        {
            "-of", "MEM",
            "-t_srs", $"EPSG:{grid.Epsg}",
            "-te", grid.OriginX.ToString("R", inv), grid.MinY.ToString("R", inv), grid.MaxX.ToString("R", inv), grid.OriginY.ToString("R", inv),
            "-ts", grid.Width.ToString(inv), grid.Height.ToString(inv),
            "-r", resampling,
            "-wo", "INIT_DEST=NO_DATA",
        };
        if (noData is { } nd)
        {
            options.AddRange(["-srcnodata", nd.ToString("R", inv), "-dstnodata", nd.ToString("R", inv)]);
        }

        if (extraOptions is not null)
        {
            options.AddRange(extraOptions);
        }

        using var warped = GdalUtilities.Warp(string.Empty, [input], options);
        var result = new T[grid.Length];
        warped.GetBand(1).Read<T>(0, 0, grid.Width, grid.Height, result);
        return result;
    }

    private static bool IsWhole(double value) => Math.Abs(value - Math.Round(value)) < Tolerance;

    private static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);
}
