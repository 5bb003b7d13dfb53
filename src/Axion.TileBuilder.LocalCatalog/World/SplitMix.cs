namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>SplitMix64: a tiny deterministic generator (System.Random's seeded sequence is not a contract).</summary>
internal sealed class SplitMix
{
    private ulong _state;

    public SplitMix(params long[] seeds)
    {
        _state = 0x9E3779B97F4A7C15UL;
        foreach (var s in seeds)
        {
            _state = Mix(_state ^ (ulong)s);
        }
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Range(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>-1 or +1.</summary>
    public int Sign() => (NextULong() & 1) == 0 ? -1 : 1;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
