using System.Numerics;

namespace Axion.TileBuilder.Radiometry;

/// <summary>Sentinel-1 backscatter conversions.</summary>
public static class S1Radiometry
{
    /// <summary>Nodata value of Planetary Computer RTC gamma0 (float32).</summary>
    public const float RtcNodata = -32768f;

    private const float TenOverLn10 = 4.342944819032518f; // 10 / ln(10)

    /// <summary>Decibels of a linear power value: <c>10 * log10(x)</c> for x &gt; 0; NaN for x &lt;= 0, NaN and nodata (-32768).</summary>
    public static float LinearToDb(float linear) => linear > 0 ? 10f * MathF.Log10(linear) : float.NaN;

    /// <summary>
    /// <see cref="LinearToDb(float)"/> over a span, SIMD-vectorised. <paramref name="db"/> may be the
    /// same memory as <paramref name="linear"/> (in place); it must be at least as long.
    /// </summary>
    public static void LinearToDb(ReadOnlySpan<float> linear, Span<float> db)
    {
        if (db.Length < linear.Length)
        {
            throw new ArgumentException($"Destination holds {db.Length} values, source {linear.Length}.", nameof(db));
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && linear.Length >= Vector<float>.Count)
        {
            var nan = new Vector<float>(float.NaN);
            var scale = new Vector<float>(TenOverLn10);
            var last = linear.Length - Vector<float>.Count;
            for (; i <= last; i += Vector<float>.Count)
            {
                var x = new Vector<float>(linear[i..]);
                var positive = Vector.GreaterThan(x, Vector<float>.Zero);
                var y = Vector.Log(x) * scale;
                Vector.ConditionalSelect(positive, y, nan).CopyTo(db[i..]);
            }
        }

        for (; i < linear.Length; i++)
        {
            db[i] = LinearToDb(linear[i]);
        }
    }

    /// <summary>In-place <see cref="LinearToDb(ReadOnlySpan{float}, Span{float})"/>.</summary>
    public static void LinearToDbInPlace(Span<float> values) => LinearToDb(values, values);
}
