namespace Axion.TileBuilder.Selection;

/// <summary>How much of an SCL window is usable.</summary>
public static class ClearFraction
{
    /// <summary>
    /// Fraction (0..1) of the pixels whose class is not in <paramref name="invalidClasses"/>. Class 0
    /// (no data) always counts as invalid, and so do values above 11 (not SCL classes). An empty
    /// window gives 0.
    /// </summary>
    public static double Compute(ReadOnlySpan<byte> scl, SclClassSet invalidClasses)
    {
        Span<bool> invalid = stackalloc bool[256];
        invalid.Fill(true);
        for (byte c = 1; c <= SclClassSet.MaxClass; c++)
        {
            invalid[c] = invalidClasses.Contains(c);
        }

        return Compute(scl, invalid);
    }

    /// <summary>
    /// Fraction (0..1) of the pixels whose value <c>v</c> has <c>invalid[v] == false</c>, with class 0
    /// always invalid. <paramref name="invalid"/> must have 256 entries.
    /// </summary>
    public static double Compute(ReadOnlySpan<byte> scl, ReadOnlySpan<bool> invalid)
    {
        if (invalid.Length != 256)
        {
            throw new ArgumentException($"The invalid-class lookup needs 256 entries, got {invalid.Length}.", nameof(invalid));
        }

        if (scl.IsEmpty)
        {
            return 0;
        }

        Span<int> histogram = stackalloc int[256];
        foreach (var v in scl)
        {
            histogram[v]++;
        }

        long clear = 0;
        for (var v = 1; v < 256; v++)
        {
            if (!invalid[v])
            {
                clear += histogram[v];
            }
        }

        return (double)clear / scl.Length;
    }
}
