using Axion.TileBuilder.Bands;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>The value range a band's histogram spans; values outside are counted as below/above.</summary>
/// <param name="Key">The <c>.npz</c> key, e.g. <c>s2_b4</c>.</param>
/// <param name="Label">What the band is, for the page.</param>
/// <param name="Min">Lower edge of the first bin (inclusive).</param>
/// <param name="Max">Upper edge of the last bin (inclusive).</param>
/// <param name="Unit">Unit of the values.</param>
public sealed record HistogramRange(string Key, string Label, double Min, double Max, string Unit)
{
    /// <summary>Upper edge of every Sentinel-2 reflectance histogram (the lower is 0).</summary>
    public const double MaxReflectance = 0.6;

    /// <summary>
    /// The six bands of the default tile in file order: <c>s1_vv</c> -30..5 dB, <c>s1_vh</c> -35..0 dB, <c>s2_b2</c>,
    /// <c>s2_b3</c>, <c>s2_b4</c>, <c>s2_b8</c> 0..0.6 reflectance.
    /// </summary>
    public static IReadOnlyList<HistogramRange> Bands { get; } =
    [
        new("s1_vv", "Sentinel-1 VV", -30, 5, "dB"),
        new("s1_vh", "Sentinel-1 VH", -35, 0, "dB"),
        new("s2_b2", "Sentinel-2 B02 (blue)", 0, MaxReflectance, "reflectance"),
        new("s2_b3", "Sentinel-2 B03 (green)", 0, MaxReflectance, "reflectance"),
        new("s2_b4", "Sentinel-2 B04 (red)", 0, MaxReflectance, "reflectance"),
        new("s2_b8", "Sentinel-2 B08 (NIR)", 0, MaxReflectance, "reflectance"),
    ];

    /// <summary>
    /// Every key a tile may hold a histogram for: <see cref="Bands"/>, then the other Sentinel-2 bands of <c>--bands</c>
    /// in <see cref="SpectralBand.All"/> order (<c>s2_b1 s2_b5 s2_b6 s2_b7 s2_b8a s2_b9 s2_b11 s2_b12</c>), each 0..0.6
    /// reflectance.
    /// </summary>
    public static IReadOnlyList<HistogramRange> All { get; } =
    [
        .. Bands,
        .. SpectralBand.All
            .Where(b => !Bands.Any(r => r.Key == b.Key))
            .Select(b => new HistogramRange(b.Key, $"Sentinel-2 {b.Name} ({b.Description})", 0, MaxReflectance, "reflectance")),
    ];

    /// <summary>True for the six keys of the default tile (<see cref="Bands"/>).</summary>
    public bool IsDefault => Bands.Contains(this);
}
