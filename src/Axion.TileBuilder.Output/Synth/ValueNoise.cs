using Axion.TileBuilder.Randomness;

namespace Axion.TileBuilder.Output.Synth;

/// <summary>
/// Smooth 2-D value noise: random values on an integer lattice (hashed, so no tables), blended
/// with a smoothstep; <see cref="Fractal"/> sums octaves. Output is roughly in [-1, 1].
/// </summary>
internal readonly struct ValueNoise(ulong key)
{
    /// <summary>Noise at (<paramref name="x"/>, <paramref name="y"/>) in lattice units, in [-1, 1].</summary>
    public double Sample(double x, double y)
    {
        var x0 = Math.Floor(x);
        var y0 = Math.Floor(y);
        var ix = (long)x0;
        var iy = (long)y0;
        var fx = Smooth(x - x0);
        var fy = Smooth(y - y0);
        var a = Lattice(ix, iy);
        var b = Lattice(ix + 1, iy);
        var c = Lattice(ix, iy + 1);
        var d = Lattice(ix + 1, iy + 1);
        var top = a + ((b - a) * fx);
        var bottom = c + ((d - c) * fx);
        return top + ((bottom - top) * fy);
    }

    /// <summary>Sum of <paramref name="octaves"/> octaves, the first with features of <paramref name="scale"/> pixels; in about [-1, 1].</summary>
    public double Fractal(double x, double y, double scale, int octaves)
    {
        var sum = 0.0;
        var amplitude = 1.0;
        var norm = 0.0;
        var frequency = 1.0 / scale;
        for (var o = 0; o < octaves; o++)
        {
            sum += amplitude * Sample((x * frequency) + (o * 17.31), (y * frequency) - (o * 9.77));
            norm += amplitude;
            amplitude *= 0.5;
            frequency *= 2.0;
        }

        return sum / norm;
    }

    private static double Smooth(double t) => t * t * (3.0 - (2.0 * t));

    private double Lattice(long ix, long iy)
    {
        var h = SplitMix64.Mix(key ^ ((ulong)ix * 0x9E3779B97F4A7C15UL) ^ ((ulong)iy * 0xC2B2AE3D27D4EB4FUL));
        return (SplitMix64.ToUnit(h) * 2.0) - 1.0;
    }
}
