using System.Globalization;
using Axion.TileBuilder.Grid;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>Pure arithmetic of tiled rasters: which blocks a window touches and how their byte ranges merge into requests.</summary>
public static class BlockMath
{
    /// <summary>The blocks of a <paramref name="blockWidth"/> x <paramref name="blockHeight"/> tiling that <paramref name="window"/> touches.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Empty window, negative offsets or non-positive block size.</exception>
    public static BlockSpan TouchedBlocks(PixelWindow window, int blockWidth, int blockHeight)
    {
        if (window.Width <= 0 || window.Height <= 0 || window.XOff < 0 || window.YOff < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, string.Create(CultureInfo.InvariantCulture, $"the window {window} must be non-empty with non-negative offsets"));
        }

        if (blockWidth <= 0 || blockHeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blockWidth), string.Create(CultureInfo.InvariantCulture, $"block size {blockWidth} x {blockHeight} must be positive"));
        }

        return new BlockSpan(
            window.XOff / blockWidth,
            window.YOff / blockHeight,
            (window.XOff + window.Width - 1) / blockWidth,
            (window.YOff + window.Height - 1) / blockHeight);
    }

    /// <summary>
    /// Sorts the ranges by offset and merges those that are consecutive in the file (one ends where
    /// the next starts) or overlap, as GDAL does with <c>GDAL_HTTP_MERGE_CONSECUTIVE_RANGES=YES</c>.
    /// Empty ranges (sparse blocks, size 0) are dropped.
    /// </summary>
    public static IReadOnlyList<ByteRange> MergeConsecutive(IEnumerable<ByteRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var merged = new List<ByteRange>();
        foreach (var range in ranges.Where(r => r.Length > 0).OrderBy(r => r.Offset))
        {
            if (merged.Count > 0 && range.Offset <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = new ByteRange(last.Offset, Math.Max(last.End, range.End) - last.Offset);
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>The part of <paramref name="range"/> at or after <paramref name="from"/> (empty when it ends before).</summary>
    public static ByteRange After(ByteRange range, long from) =>
        range.End <= from ? new ByteRange(from, 0)
        : range.Offset >= from ? range
        : new ByteRange(from, range.End - from);
}
