namespace Axion.TileBuilder.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fixed, well-mixed generator, the one source of reproducible
/// random numbers (mock tiles, the synthetic world, the benchmark's rows). Used instead of
/// <see cref="System.Random"/>, whose seeded sequence is not a contract across .NET versions.
/// </summary>
/// <remarks>A reference type: every method handed a generator draws from, and advances, the same sequence. Not thread-safe.</remarks>
public sealed class SplitMix64(ulong state)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = state;
    private double _spare;
    private bool _hasSpare;

    /// <summary>A generator seeded from several numbers (e.g. world seed, scene index, a purpose constant): each is mixed into the state in turn.</summary>
    public static SplitMix64 FromSeeds(params ReadOnlySpan<long> seeds)
    {
        var state = Gamma;
        foreach (var seed in seeds)
        {
            state = Mix(state ^ (ulong)seed);
        }

        return new SplitMix64(state);
    }

    /// <summary>The SplitMix64 output function: a strong 64-bit bijective mix (also a stateless hash of a key).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of <paramref name="bits"/>.</summary>
    public static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    /// <summary>The next 64 random bits.</summary>
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

    /// <summary>-1 or +1, from the lowest bit of the next draw.</summary>
    public int NextSign() => (NextUInt64() & 1) == 0 ? -1 : 1;

    /// <summary>Standard normal (Box-Muller; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        _spare = radius * sin;
        _hasSpare = true;
        return radius * cos;
    }
}
