using System.Globalization;
using Axion.TileBuilder.Grid;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// Whether a raster's block layout suits window reads (see docs/architecture.md, "Plan and estimate"). A file is not
/// cloud-optimized for a window when it is strip-organised (its blocks span the whole width of a raster wider than
/// <see cref="MaxStripWidth"/> pixels: strips, or one strip for the whole file), or when the blocks the window touches
/// hold more than <see cref="MaxBlockToWindowRatio"/> times the window's pixels. Pure.
/// </summary>
public static class CogLayout
{
    /// <summary>Widest raster whose whole-width strips are still accepted (a small file costs little whole), pixels.</summary>
    public const int MaxStripWidth = 1024;

    /// <summary>
    /// Most pixels the touched blocks may hold per window pixel. A 512 px window over 1024 px COG blocks touches at most
    /// 16 times its pixels; one 10980 x 10980 strip holds 460 times that window.
    /// </summary>
    public const int MaxBlockToWindowRatio = 64;

    /// <summary>Why the layout does not suit reading <paramref name="window"/>, or null when it does.</summary>
    /// <param name="width">Raster width, pixels.</param>
    /// <param name="height">Raster height, pixels.</param>
    /// <param name="blockWidth">Block width, pixels.</param>
    /// <param name="blockHeight">Block height, pixels.</param>
    /// <param name="window">The source window of the read, or null when the AOI misses the raster.</param>
    public static string? Problem(int width, int height, int blockWidth, int blockHeight, PixelWindow? window)
    {
        var inv = CultureInfo.InvariantCulture;
        var layout = string.Create(inv, $"{width} x {height} px in blocks of {blockWidth} x {blockHeight}");
        if (blockWidth >= width && width > MaxStripWidth)
        {
            return blockHeight >= height
                ? $"{layout}: one strip holds the whole raster (not tiled)"
                : $"{layout}: strip-organised (not tiled)";
        }

        if (window is { } w && w.Width > 0 && w.Height > 0)
        {
            var span = BlockMath.TouchedBlocks(w, blockWidth, blockHeight);
            var blockPixels = (double)span.Count * blockWidth * blockHeight;
            var ratio = blockPixels / ((double)w.Width * w.Height);
            if (ratio > MaxBlockToWindowRatio)
            {
                return string.Create(inv, $"{layout}: the {w.Width} x {w.Height} px window touches {span.Count} block(s) holding {ratio:F0} times its pixels");
            }
        }

        return null;
    }
}
