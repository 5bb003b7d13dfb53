using Axion.TileBuilder.Bands;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>The bands and the SCL of a row, on the AOI grid (row-major, AOI width x height).</summary>
/// <param name="S1Vv">Sentinel-1 VV backscatter, dB, NaN where invalid.</param>
/// <param name="S1Vh">Sentinel-1 VH backscatter, dB, NaN where invalid.</param>
/// <param name="S2">Sentinel-2 reflectance of <see cref="S2Bands"/>, in that order, NaN where masked.</param>
/// <param name="Scl">Sentinel-2 scene classification at 10 m (nearest).</param>
public sealed record BandSet(float[] S1Vv, float[] S1Vh, IReadOnlyList<float[]> S2, byte[] Scl)
{
    /// <summary>The Sentinel-2 bands of <see cref="S2"/>, in order. Default B02, B03, B04, B08.</summary>
    public IReadOnlyList<SpectralBand> S2Bands { get; init; } = BandSelection.Default;

    /// <summary>True when every band named in <paramref name="names"/> is in <see cref="S2Bands"/>.</summary>
    public bool HasS2(IEnumerable<string> names) => names.All(n => S2Bands.Any(b => b.Name == n));

    /// <summary>The reflectance of the band named <paramref name="name"/> (e.g. <c>B04</c>).</summary>
    /// <exception cref="ArgumentException">The band is not in <see cref="S2Bands"/>.</exception>
    public float[] S2Of(string name)
    {
        for (var i = 0; i < S2Bands.Count; i++)
        {
            if (S2Bands[i].Name == name)
            {
                return S2[i];
            }
        }

        throw new ArgumentException($"band {name} was not read (bands: {BandSelection.Format(S2Bands)})", nameof(name));
    }

    /// <summary>The array keys in file order: <c>s1_vv</c>, <c>s1_vh</c>, then the Sentinel-2 keys of <see cref="S2Bands"/>.</summary>
    public IReadOnlyList<string> Keys => TileKeys.For(S2Bands);
}
