namespace Axion.TileBuilder.Output.Synth;

/// <summary>
/// Typical signature of one land-cover class: Sentinel-2 surface reflectance (0..1) of B2 blue,
/// B3 green, B4 red, B8 NIR, and Sentinel-1 backscatter (dB) of VV and VH; <paramref name="Texture"/>
/// is the relative strength of within-field texture.
/// </summary>
internal readonly record struct MockSpectrum(double B2, double B3, double B4, double B8, double VvDb, double VhDb, double Texture)
{
    /// <summary>Values in the range of published class means (e.g. ESA S2 / S1 land-cover studies).</summary>
    public static MockSpectrum Of(MockLandCover cover) => cover switch
    {
        MockLandCover.Water => new(0.045, 0.050, 0.030, 0.015, -21.0, -25.5, 0.15),
        MockLandCover.Forest => new(0.025, 0.045, 0.025, 0.300, -7.5, -13.0, 1.0),
        MockLandCover.Crop => new(0.030, 0.070, 0.040, 0.420, -9.5, -16.0, 0.7),
        MockLandCover.Grass => new(0.040, 0.080, 0.060, 0.300, -11.0, -18.0, 0.5),
        MockLandCover.BareSoil => new(0.090, 0.120, 0.160, 0.230, -12.5, -20.5, 0.6),
        MockLandCover.Road => new(0.120, 0.130, 0.140, 0.170, -15.0, -23.0, 0.2),
        MockLandCover.FieldEdge => new(0.050, 0.070, 0.070, 0.260, -9.0, -15.5, 0.8),
        _ => throw new ArgumentOutOfRangeException(nameof(cover), cover, "Unknown mock land-cover class."),
    };
}
