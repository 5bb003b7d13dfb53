namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Static description of one served Sentinel-2 band, in the words of each catalog.</summary>
/// <param name="Key">Canonical (Planetary Computer) key: <c>B02</c>.</param>
/// <param name="CommonName">Earth Search asset key and eo common name: <c>blue</c>.</param>
/// <param name="PcTitle">PC asset title without the resolution suffix.</param>
/// <param name="EsDescription">Earth Search sentinel-2-l2a description: <c>Blue (band 2)</c>.</param>
/// <param name="EsC1Title">Earth Search sentinel-2-c1-l2a title without resolution: <c>Blue</c>.</param>
/// <param name="CenterWavelength">Micrometres; null for SCL.</param>
/// <param name="FullWidthHalfMax">Micrometres; null for SCL.</param>
internal sealed record Sentinel2Band(
    string Key,
    string CommonName,
    string PcTitle,
    string EsDescription,
    string EsC1Title,
    double? CenterWavelength,
    double? FullWidthHalfMax)
{
    public static IReadOnlyList<Sentinel2Band> All { get; } =
    [
        new("B02", "blue", "Band 2 - Blue", "Blue (band 2)", "Blue", 0.49, 0.098),
        new("B03", "green", "Band 3 - Green", "Green (band 3)", "Green", 0.56, 0.045),
        new("B04", "red", "Band 4 - Red", "Red (band 4)", "Red", 0.665, 0.038),
        new("B08", "nir", "Band 8 - NIR", "NIR 1 (band 8)", "NIR 1", 0.842, 0.145),
        new("SCL", "scl", "Scene classfication map", "Scene classification map", "Scene classification map", null, null),
    ];

    /// <summary>True for reflectance bands (not SCL).</summary>
    public bool IsReflectance => CenterWavelength is not null;

    public static Sentinel2Band? Find(string key) =>
        All.FirstOrDefault(b => string.Equals(b.Key, key, StringComparison.OrdinalIgnoreCase));
}
