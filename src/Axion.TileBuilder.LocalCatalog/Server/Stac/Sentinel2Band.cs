namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Static description of one served Sentinel-2 band, in the words of each catalog.</summary>
/// <param name="Key">Canonical (Planetary Computer) key: <c>B02</c>.</param>
/// <param name="CommonName">Earth Search asset key and eo common name: <c>blue</c>.</param>
/// <param name="PcTitle">PC asset title without the resolution suffix.</param>
/// <param name="EsDescription">Earth Search sentinel-2-l2a description: <c>Blue (band 2)</c>.</param>
/// <param name="EsC1Title">Earth Search sentinel-2-c1-l2a title without resolution: <c>Blue</c>.</param>
/// <param name="CenterWavelength">Micrometres; null for SCL.</param>
/// <param name="FullWidthHalfMax">Micrometres; null for SCL.</param>
/// <param name="EoCommonNameOverride">The <c>eo:bands</c> common name when it is not <paramref name="CommonName"/>
/// (the three red-edge bands share <c>rededge</c>).</param>
internal sealed record Sentinel2Band(
    string Key,
    string CommonName,
    string PcTitle,
    string EsDescription,
    string EsC1Title,
    double? CenterWavelength,
    double? FullWidthHalfMax,
    string? EoCommonNameOverride = null)
{
    public static IReadOnlyList<Sentinel2Band> All { get; } =
    [
        new("B02", "blue", "Band 2 - Blue", "Blue (band 2)", "Blue", 0.49, 0.098),
        new("B03", "green", "Band 3 - Green", "Green (band 3)", "Green", 0.56, 0.045),
        new("B04", "red", "Band 4 - Red", "Red (band 4)", "Red", 0.665, 0.038),
        new("B08", "nir", "Band 8 - NIR", "NIR 1 (band 8)", "NIR 1", 0.842, 0.145),
        new("SCL", "scl", "Scene classfication map", "Scene classification map", "Scene classification map", null, null),

        // The 20 m and 60 m bands (worlds with WorldSpec.IncludeAllBands), named as in ../shared/stac-samples.
        new("B01", "coastal", "Band 1 - Coastal aerosol", "Coastal aerosol (band 1)", "Coastal", 0.443, 0.027),
        new("B05", "rededge1", "Band 5 - Vegetation red edge 1", "Red edge 1 (band 5)", "Red Edge 1", 0.704, 0.019, "rededge"),
        new("B06", "rededge2", "Band 6 - Vegetation red edge 2", "Red edge 2 (band 6)", "Red Edge 2", 0.74, 0.018, "rededge"),
        new("B07", "rededge3", "Band 7 - Vegetation red edge 3", "Red edge 3 (band 7)", "Red Edge 3", 0.783, 0.028, "rededge"),
        new("B8A", "nir08", "Band 8A - Vegetation red edge 4", "NIR 2 (band 8A)", "NIR 2", 0.865, 0.033),
        new("B09", "nir09", "Band 9 - Water vapor", "NIR 3 (band 9)", "NIR 3", 0.945, 0.026),
        new("B11", "swir16", "Band 11 - SWIR (1.6)", "SWIR 1 (band 11)", "SWIR 1.6μm", 1.61, 0.143),
        new("B12", "swir22", "Band 12 - SWIR (2.2)", "SWIR 2 (band 12)", "SWIR 2.2μm", 2.19, 0.242),
    ];

    /// <summary>The <c>eo:bands</c> common name.</summary>
    public string EoCommonName => EoCommonNameOverride ?? CommonName;

    /// <summary>True for reflectance bands (not SCL).</summary>
    public bool IsReflectance => CenterWavelength is not null;

    public static Sentinel2Band? Find(string key) =>
        All.FirstOrDefault(b => string.Equals(b.Key, key, StringComparison.OrdinalIgnoreCase));
}
