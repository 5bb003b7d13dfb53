namespace Axion.TileBuilder.Bands;

/// <summary>
/// One Sentinel-2 L2A reflectance band a build can write: its name (the band's own and the Planetary Computer asset key),
/// the key of its array in a tile and its native pixel size. Every band is written on the tile's 10 m grid; 20 m and 60 m
/// bands are resampled onto it (<see cref="BandResampling"/>).
/// </summary>
/// <param name="Name">ESA band name: <c>B01</c> ... <c>B12</c>, <c>B8A</c>.</param>
/// <param name="Key">Array key in a tile: <c>s2_b</c> + the band number without its leading zero, lower case (<c>s2_b2</c>, <c>s2_b8a</c>, <c>s2_b11</c>).</param>
/// <param name="ResolutionM">Native pixel size, metres: 10, 20 or 60.</param>
/// <param name="Description">Common name, for help and reports.</param>
public sealed record SpectralBand(string Name, string Key, int ResolutionM, string Description)
{
    /// <summary>The pixel size of the tile grid, metres: bands of this resolution are copied, coarser ones resampled.</summary>
    public const int GridResolutionM = 10;

    /// <summary>Every band, in band order (B8A after B08).</summary>
    public static IReadOnlyList<SpectralBand> All { get; } =
    [
        new("B01", "s2_b1", 60, "coastal aerosol, 443 nm"),
        new("B02", "s2_b2", 10, "blue, 490 nm"),
        new("B03", "s2_b3", 10, "green, 560 nm"),
        new("B04", "s2_b4", 10, "red, 665 nm"),
        new("B05", "s2_b5", 20, "red edge 1, 704 nm"),
        new("B06", "s2_b6", 20, "red edge 2, 740 nm"),
        new("B07", "s2_b7", 20, "red edge 3, 783 nm"),
        new("B08", "s2_b8", 10, "NIR, 842 nm"),
        new("B8A", "s2_b8a", 20, "narrow NIR, 865 nm"),
        new("B09", "s2_b9", 60, "water vapour, 945 nm"),
        new("B11", "s2_b11", 20, "SWIR 1, 1610 nm"),
        new("B12", "s2_b12", 20, "SWIR 2, 2190 nm"),
    ];

    /// <summary>True when the band is resampled onto the 10 m grid (20 m and 60 m bands).</summary>
    public bool IsResampled => ResolutionM != GridResolutionM;

    /// <summary>The band named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static SpectralBand? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
