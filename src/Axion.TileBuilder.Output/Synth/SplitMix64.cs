namespace Axion.TileBuilder.Output.Synth;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fixed, well-mixed PRNG. Used instead of
/// <see cref="System.Random"/>, whose algorithm may change between .NET versions, so mock tiles
/// stay reproducible.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = state;

    /// <summary>The SplitMix64 output function: a strong 64-bit bijective mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of <paramref name="bits"/>.</summary>
    public static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => ToUnit(NextUInt64());

    /// <summary>Uniform in [min, max).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    /// <summary>Standard normal (Box-Muller, one value per call).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Gamma(looks, 1/looks) speckle factor with mean 1 (sum of exponentials).</summary>
    public double NextSpeckle(int looks)
    {
        var sum = 0.0;
        for (var i = 0; i < looks; i++)
        {
            sum -= Math.Log(1.0 - NextDouble());
        }

        return sum / looks;
    }
}
