namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>One pass over a float32 band: finite count, range and brightness counts.</summary>
internal readonly record struct BandStatistics(long Count, long Finite, long OutOfRange, long Bright, float Min, float Max)
{
    /// <summary>
    /// Scans <paramref name="values"/> against <paramref name="range"/> and clears
    /// <paramref name="jointFinite"/>[i] where value i is not finite.
    /// </summary>
    public static BandStatistics Scan(ReadOnlySpan<float> values, BandRange range, Span<byte> jointFinite)
    {
        long finite = 0, outOfRange = 0, bright = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        var brightAbove = range.BrightAbove ?? float.PositiveInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!float.IsFinite(v))
            {
                jointFinite[i] = 0;
                continue;
            }

            finite++;
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }

            if (v < range.Min || v > range.Max)
            {
                outOfRange++;
            }

            if (v > brightAbove)
            {
                bright++;
            }
        }

        return new BandStatistics(values.Length, finite, outOfRange, bright, min, max);
    }
}
