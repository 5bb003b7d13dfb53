using Axion.TileBuilder.Bands;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>The array keys of a tile.</summary>
public static class TileKeys
{
    /// <summary>Sentinel-1 VV, dB.</summary>
    public const string S1Vv = "s1_vv";

    /// <summary>Sentinel-1 VH, dB.</summary>
    public const string S1Vh = "s1_vh";

    /// <summary>The float32 keys of a tile of <paramref name="bands"/>, in file order: <c>s1_vv s1_vh</c>, then each band's key in <c>--bands</c> order.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<SpectralBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return [S1Vv, S1Vh, .. bands.Select(b => b.Key)];
    }

    /// <summary>Every Sentinel-2 key a tile may hold (<c>s2_b1</c> ... <c>s2_b12</c>, <c>s2_b8a</c>).</summary>
    public static IReadOnlyList<string> AllS2 { get; } = [.. SpectralBand.All.Select(b => b.Key)];
}
