namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The synthetic world's ground truth: pure, cheap functions of a WGS 84 ground position (the lon/lat of a
/// pixel centre) that every generated file follows exactly, so tests can check any output pixel.
/// <para>
/// Points are placed on a sphere (R = 6 371 km, earth-centred metres) and everything is built from plane
/// waves in that frame: land cover (meandering rivers about 100 m wide, lakes, forest patches, parcels of a
/// few hundred metres of crop, grass or bare soil), a low-frequency modulation inside fields, and a texture of
/// eight waves with wavelengths of 37-173 m, so a one-pixel (10 m) shift changes nearly every value.
/// The ground does not depend on the date: only clouds (<see cref="CloudModel"/>) differ between scenes, except for the
/// scenes of the seasonal layouts (<see cref="WorldLayout.Seasons"/>), whose clear-sky reflectance is scaled by
/// <see cref="SeasonalGain"/> and whose backscatter is shifted by <see cref="SeasonalS1OffsetDb"/> of their date.
/// </para>
/// </summary>
public static class GroundTruth
{
    /// <summary>Radius of the sphere the waves live on, metres.</summary>
    public const double SphereRadiusM = 6371000;

    /// <summary>Smallest clear-sky reflectance returned.</summary>
    public const double MinReflectance = 0.005;

    /// <summary>Largest clear-sky reflectance returned.</summary>
    public const double MaxReflectance = 0.6;

    /// <summary>Factor applied to the clear-sky reflectance under a cloud shadow (SCL 3).</summary>
    public const double ShadowFactor = 0.35;

    /// <summary>Reflectance DN offset of baseline 04.00 and later (BOA_ADD_OFFSET = -1000 when reading).</summary>
    public const int BoaOffsetDn = 1000;

    /// <summary><see cref="SeasonalGain"/> on 1 January.</summary>
    public const double SeasonalGainJanuary1 = 0.8;

    /// <summary>How much <see cref="SeasonalGain"/> grows over a year (365 days): 0.5, so 1.3 on 31 December of a leap year.</summary>
    public const double SeasonalGainPerYear = 0.5;

    /// <summary><see cref="SeasonalS1OffsetDb"/> on 1 January, dB.</summary>
    public const double SeasonalS1OffsetJanuary1Db = -1.5;

    /// <summary>How much <see cref="SeasonalS1OffsetDb"/> grows over a year (365 days), dB.</summary>
    public const double SeasonalS1OffsetPerYearDb = 3.0;

    private const ulong ParcelSalt = 0x5EED_CAFE_F00D_1234UL;

    // Land cover (rows: Water, Crop, Grass, Forest, Bare); columns in S2Band order: B02 B03 B04 B08, then
    // B01 B05 B06 B07 B8A B09 B11 B12 (vegetation: red edge rising to the NIR plateau, SWIR lower; bare soil bright in SWIR).
    private static readonly double[][] BandLevels =
    [
        [0.055, 0.048, 0.030, 0.015, 0.060, 0.022, 0.014, 0.012, 0.012, 0.009, 0.006, 0.005],
        [0.040, 0.072, 0.048, 0.350, 0.035, 0.105, 0.250, 0.320, 0.370, 0.380, 0.220, 0.110],
        [0.048, 0.080, 0.062, 0.290, 0.045, 0.115, 0.220, 0.270, 0.310, 0.320, 0.260, 0.150],
        [0.034, 0.054, 0.032, 0.280, 0.030, 0.075, 0.190, 0.250, 0.290, 0.300, 0.160, 0.070],
        [0.090, 0.125, 0.160, 0.240, 0.085, 0.190, 0.215, 0.235, 0.255, 0.265, 0.330, 0.280],
    ];

    private static readonly double[][] BackscatterLevelsDb =
    [
        [-24.5, -29.5],
        [-11.0, -17.5],
        [-13.0, -20.0],
        [-7.5, -13.0],
        [-14.5, -23.0],
    ];

    private static readonly double[] CloudHighLevels = [0.70, 0.68, 0.66, 0.69, 0.72, 0.67, 0.68, 0.68, 0.69, 0.66, 0.62, 0.58];
    private static readonly double[] CloudMediumLevels = [0.52, 0.51, 0.50, 0.53, 0.54, 0.51, 0.51, 0.52, 0.53, 0.50, 0.49, 0.47];

    private static readonly Wave RiverCarrier = Wave.Spiral(3, 11, 6100, 0.4);
    private static readonly Wave RiverMeander = Wave.Spiral(8, 11, 3700, 0.3);
    private static readonly Wave Lake1 = Wave.Spiral(1, 7, 2700, 0.4);
    private static readonly Wave Lake2 = Wave.Spiral(4, 7, 3300, 2.1);
    private static readonly Wave Lake3 = Wave.Spiral(6, 7, 1900, 1.0);
    private static readonly Wave Forest1 = Wave.Spiral(2, 5, 5200, 0.0);
    private static readonly Wave Forest2 = Wave.Spiral(4, 5, 4300, 1.0);
    private static readonly Wave ParcelA = Wave.Spiral(0, 3, 530, 0);
    private static readonly Wave ParcelB = Wave.Spiral(1, 3, 470, 0);
    private static readonly Wave ParcelC = Wave.Spiral(2, 3, 410, 0);
    private static readonly Wave Smooth1 = Wave.Spiral(5, 9, 1400, 0.8);
    private static readonly Wave Smooth2 = Wave.Spiral(1, 9, 2300, 2.9);
    private static readonly Wave CloudTexture1 = Wave.Spiral(2, 6, 900, 0.2);
    private static readonly Wave CloudTexture2 = Wave.Spiral(5, 6, 1300, 1.0);

    private static readonly Wave[] Texture =
    [
        Wave.Spiral(0, 8, 37, 0.3),
        Wave.Spiral(1, 8, 53, 1.1),
        Wave.Spiral(2, 8, 71, 2.5),
        Wave.Spiral(3, 8, 97, 4.0),
        Wave.Spiral(4, 8, 131, 5.2),
        Wave.Spiral(5, 8, 173, 0.9),
        Wave.Spiral(6, 8, 61, 3.3),
        Wave.Spiral(7, 8, 89, 1.7),
    ];

    private static readonly double[] TextureAmplitudes = [1.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.9, 0.8];
    private static readonly double TextureNorm = 1 / TextureAmplitudes.Sum();

    private static readonly Wave[] BandTexture =
    [
        Wave.Spiral(0, 10, 43, 0.1), Wave.Spiral(5, 10, 67, 1.9),
        Wave.Spiral(1, 10, 43, 2.2), Wave.Spiral(6, 10, 67, 4.1),
        Wave.Spiral(2, 10, 43, 3.7), Wave.Spiral(7, 10, 67, 0.6),
        Wave.Spiral(3, 10, 43, 5.0), Wave.Spiral(8, 10, 67, 2.8),

        // The 20 m and 60 m bands (S2Band order from B01): longer waves, as their pixels are larger.
        Wave.Spiral(0, 16, 190, 0.4), Wave.Spiral(8, 16, 290, 2.0),
        Wave.Spiral(1, 16, 83, 1.2), Wave.Spiral(9, 16, 127, 3.1),
        Wave.Spiral(2, 16, 79, 2.6), Wave.Spiral(10, 16, 131, 0.7),
        Wave.Spiral(3, 16, 89, 4.4), Wave.Spiral(11, 16, 137, 1.8),
        Wave.Spiral(4, 16, 97, 5.6), Wave.Spiral(12, 16, 113, 2.9),
        Wave.Spiral(5, 16, 210, 0.9), Wave.Spiral(13, 16, 310, 4.9),
        Wave.Spiral(6, 16, 101, 3.5), Wave.Spiral(14, 16, 149, 0.2),
        Wave.Spiral(7, 16, 107, 1.6), Wave.Spiral(15, 16, 157, 5.3),
    ];

    private static readonly Wave[] Speckle =
    [
        Wave.Spiral(4, 12, 33, 0.5), Wave.Spiral(9, 12, 47, 2.4),
        Wave.Spiral(2, 12, 31, 1.3), Wave.Spiral(11, 12, 41, 3.6),
    ];

    /// <summary>Land cover at a ground point.</summary>
    public static LandCover LandCoverAt(double longitude, double latitude)
    {
        var (x, y, z) = Position(longitude, latitude);
        return Cover(x, y, z, out _);
    }

    /// <summary>
    /// Clear-sky surface reflectance (0.005..0.6) of a band at a ground point (degrees, WGS 84); a 20 m or 60 m band's
    /// pixel holds the value at its own centre. Vegetation: B02 ~0.03-0.06, B03 ~0.05-0.09, B04 ~0.03-0.08, B08 ~0.25-0.45,
    /// red edge rising from B05 ~0.1 to B8A ~0.35; water: B08 &lt; 0.03, SWIR ~0.005; bare soil: red above green above blue,
    /// B11 ~0.33.
    /// </summary>
    public static double S2Reflectance(S2Band band, double longitude, double latitude)
    {
        var sample = Sample(longitude, latitude);
        return Reflectance(in sample, BandIndex(band));
    }

    /// <summary>
    /// Reflectance a Sentinel-2 10 m pixel shows when the SCL pixel (20 m) containing it has class
    /// <paramref name="scl"/>: bright (0.45-0.76) under clouds 8/9, hazy (0.55 x clear + 0.25 +- 0.02) under
    /// cirrus 10, <see cref="ShadowFactor"/> x clear in shadow 3, the clear-sky value otherwise (0 included).
    /// </summary>
    public static double S2Observed(S2Band band, byte scl, double longitude, double latitude) =>
        S2Observed(band, scl, longitude, latitude, null);

    /// <summary>
    /// <see cref="S2Observed(S2Band, byte, double, double)"/> of a scene whose clear-sky reflectance is scaled by
    /// <paramref name="seasonalGain"/> (<see cref="SyntheticScene.SeasonalGain"/>; null: not scaled, the same value).
    /// </summary>
    public static double S2Observed(S2Band band, byte scl, double longitude, double latitude, double? seasonalGain)
    {
        var sample = Sample(longitude, latitude);
        var b = BandIndex(band);
        return Observed(in sample, b, scl, Seasonal(Reflectance(in sample, b), seasonalGain));
    }

    /// <summary>
    /// The factor the seasonal layouts' Sentinel-2 scenes of <paramref name="date"/> apply to the clear-sky reflectance
    /// (before clouds, shadow and cirrus are applied): a linear ramp over the day of the year,
    /// <c>0.8 + 0.5 x (day of year - 1) / 365</c>, from 0.8 on 1 January to about 1.3 on 31 December. At the dates of the
    /// clear scenes of 2023 (10 February, 11 May, 10 August, 10 November): 0.85479, 0.97808, 1.10274, 1.22877, at least
    /// 11 % apart; ten days apart, 1.4 %.
    /// </summary>
    public static double SeasonalGain(DateOnly date) =>
        SeasonalGainJanuary1 + (SeasonalGainPerYear * (date.DayOfYear - 1) / 365);

    /// <summary>
    /// The backscatter offset (dB) the seasonal layouts' Sentinel-1 scenes of <paramref name="date"/> (the UTC day of the
    /// acquisition) add to the ground's: <c>-1.5 + 3 x (day of year - 1) / 365</c>, from -1.5 dB on 1 January to about
    /// +1.5 dB on 31 December (before the backscatter's clamping, see <see cref="S1Backscatter(S1Polarization, double, double, double?)"/>).
    /// </summary>
    public static double SeasonalS1OffsetDb(DateOnly date) =>
        SeasonalS1OffsetJanuary1Db + (SeasonalS1OffsetPerYearDb * (date.DayOfYear - 1) / 365);

    /// <summary>
    /// Sentinel-2 L2A digital number of a reflectance: round(reflectance x 10 000) (half away from zero), plus
    /// <see cref="BoaOffsetDn"/> when <paramref name="baseline"/> &gt;= "04.00" unless
    /// <paramref name="boaOffsetApplied"/> (the Earth Search <c>sentinel-2-l2a</c> files), clamped to 1..65535 (0 is nodata).
    /// </summary>
    public static ushort S2Dn(double reflectance, string baseline, bool boaOffsetApplied = false)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var dn = Math.Round(reflectance * 10000, MidpointRounding.AwayFromZero);
        if (!boaOffsetApplied && HasBoaOffset(baseline))
        {
            dn += BoaOffsetDn;
        }

        return (ushort)Math.Clamp(dn, 1, 65535);
    }

    /// <summary>True when a processing baseline ("02.14", "04.00", "05.10") carries the -1000 BOA offset (>= 04.00).</summary>
    public static bool HasBoaOffset(string baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return string.CompareOrdinal(baseline, "04.00") >= 0;
    }

    /// <summary>
    /// Radar backscatter (gamma0, dB) at a ground point: VV about -18..-4 on land, VH about -26..-10, water
    /// very dark (VV ~ -25, VH ~ -30). The RTC files store linear power 10^(dB/10) as float32.
    /// </summary>
    public static double S1Backscatter(S1Polarization polarization, double longitude, double latitude) =>
        S1Backscatter(polarization, longitude, latitude, null);

    /// <summary>
    /// <see cref="S1Backscatter(S1Polarization, double, double)"/> of a scene whose backscatter is shifted by
    /// <paramref name="seasonalOffsetDb"/> (<see cref="SyntheticScene.SeasonalS1OffsetDb"/>; null: not shifted): the offset is
    /// added before the clamping to VV -30..-3 dB, VH -33..-8 dB.
    /// </summary>
    public static double S1Backscatter(S1Polarization polarization, double longitude, double latitude, double? seasonalOffsetDb)
    {
        var sample = Sample(longitude, latitude);
        return Backscatter(in sample, polarization == S1Polarization.VV ? 0 : 1, seasonalOffsetDb);
    }

    /// <summary>Linear power of <see cref="S1Backscatter(S1Polarization, double, double)"/>, as the RTC files store it (before the float32 cast).</summary>
    public static double S1Linear(S1Polarization polarization, double longitude, double latitude) =>
        S1Linear(polarization, longitude, latitude, null);

    /// <summary>Linear power of <see cref="S1Backscatter(S1Polarization, double, double, double?)"/> (before the float32 cast).</summary>
    public static double S1Linear(S1Polarization polarization, double longitude, double latitude, double? seasonalOffsetDb) =>
        DbToLinear(S1Backscatter(polarization, longitude, latitude, seasonalOffsetDb));

    /// <summary>
    /// SCL class at a ground point (evaluate it at the centre of a 20 m SCL pixel): the cloud class of
    /// <paramref name="clouds"/> (9, 8, 10, 3) where it has one, otherwise 6 (water), 5 (bare soil) or 4 (vegetation).
    /// Nodata (outside the footprint) is not decided here: see <see cref="SceneFootprint"/>.
    /// </summary>
    public static byte Scl(CloudModel? clouds, double longitude, double latitude)
    {
        var cloud = clouds?.ClassAt(longitude, latitude) ?? 0;
        return cloud != 0 ? cloud : ClearScl(LandCoverAt(longitude, latitude));
    }

    /// <summary><see cref="Scl(CloudModel?, double, double)"/> with the clouds of a scene.</summary>
    public static byte Scl(SyntheticScene scene, double longitude, double latitude)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return Scl(scene.Clouds, longitude, latitude);
    }

    /// <summary>The SCL class of a cloud-free land cover.</summary>
    public static byte ClearScl(LandCover cover) => cover switch
    {
        LandCover.Water => SclClass.Water,
        LandCover.Bare => SclClass.NotVegetated,
        _ => SclClass.Vegetation,
    };

    internal static double DbToLinear(double db) => Math.Pow(10, db / 10);

    internal static int BandIndex(S2Band band) => Enum.IsDefined(band)
        ? (int)band
        : throw new ArgumentOutOfRangeException(nameof(band), band, "not a Sentinel-2 band of the world");

    internal static GroundSample Sample(double longitude, double latitude)
    {
        var (x, y, z) = Position(longitude, latitude);
        var cover = Cover(x, y, z, out var hash);
        var texture = 0.0;
        for (var i = 0; i < Texture.Length; i++)
        {
            texture += TextureAmplitudes[i] * Texture[i].Sin(x, y, z);
        }

        texture *= TextureNorm;
        var smooth = 0.5 * (Smooth1.Sin(x, y, z) + Smooth2.Sin(x, y, z));
        return new GroundSample(x, y, z, cover, hash, texture, smooth);
    }

    private static (double X, double Y, double Z) Position(double longitude, double latitude)
    {
        var phi = latitude * (Math.PI / 180);
        var lambda = longitude * (Math.PI / 180);
        var cosPhi = Math.Cos(phi);
        return (SphereRadiusM * cosPhi * Math.Cos(lambda), SphereRadiusM * cosPhi * Math.Sin(lambda), SphereRadiusM * Math.Sin(phi));
    }

    private static LandCover Cover(double x, double y, double z, out ulong hash)
    {
        var ia = (long)Math.Floor(ParcelA.Cycles(x, y, z));
        var ib = (long)Math.Floor(ParcelB.Cycles(x, y, z));
        var ic = (long)Math.Floor(ParcelC.Cycles(x, y, z));
        hash = Mix(Mix(Mix(ParcelSalt ^ (ulong)ia) ^ (ulong)ib) ^ (ulong)ic);

        var river = RiverCarrier.Sin(x, y, z) + (0.9 * RiverMeander.Sin(x, y, z));
        if (Math.Abs(river) < 0.06)
        {
            return LandCover.Water;
        }

        var lake = Lake1.Sin(x, y, z) + Lake2.Sin(x, y, z) + (0.7 * Lake3.Sin(x, y, z));
        if (lake > 1.75)
        {
            return LandCover.Water;
        }

        if (Forest1.Sin(x, y, z) + Forest2.Sin(x, y, z) > 1.1)
        {
            return LandCover.Forest;
        }

        var u = (hash >> 11) * (1.0 / (1UL << 53));
        return u < 0.55 ? LandCover.Crop : u < 0.78 ? LandCover.Grass : LandCover.Bare;
    }

    internal static double Reflectance(in GroundSample s, int band)
    {
        var level = BandLevels[(int)s.Cover][band];
        if (s.Cover != LandCover.Water)
        {
            level *= 0.85 + (0.30 * HashUnit(s.ParcelHash, band < 4 ? band : band + 6)); // salts 4, 5 are the backscatter's
        }

        var add = 0.5 * (BandTexture[2 * band].Sin(s.X, s.Y, s.Z) + BandTexture[(2 * band) + 1].Sin(s.X, s.Y, s.Z));
        var refl = (level * (1 + (0.08 * s.Smooth) + (0.2 * s.Texture))) + (0.006 * add);
        return Math.Clamp(refl, MinReflectance, MaxReflectance);
    }

    /// <summary>
    /// The clear-sky reflectance of a scene with <paramref name="gain"/> (<see cref="SeasonalGain"/>): clear x gain, clamped to
    /// <see cref="MinReflectance"/>..<see cref="MaxReflectance"/>; <paramref name="clear"/> itself when null. The one rule the
    /// file writers and <see cref="SceneTruth"/> share.
    /// </summary>
    internal static double Seasonal(double clear, double? gain) =>
        gain is { } g ? Math.Clamp(clear * g, MinReflectance, MaxReflectance) : clear;

    internal static double Observed(in GroundSample s, int band, byte scl, double clear)
    {
        switch (scl)
        {
            case SclClass.CloudHigh:
                return CloudHighLevels[band] + (0.06 * CloudTexture(in s));
            case SclClass.CloudMedium:
                return CloudMediumLevels[band] + (0.05 * CloudTexture(in s));
            case SclClass.ThinCirrus:
                return (0.55 * clear) + 0.25 + (0.02 * CloudTexture(in s));
            case SclClass.CloudShadow:
                return ShadowFactor * clear;
            default:
                return clear;
        }
    }

    /// <summary>Backscatter (dB) of polarisation 0 (VV) or 1 (VH), plus <paramref name="offsetDb"/> (null: none) before the clamping.</summary>
    internal static double Backscatter(in GroundSample s, int pol, double? offsetDb = null)
    {
        var level = BackscatterLevelsDb[(int)s.Cover][pol];
        var speckle = 0.5 * (Speckle[2 * pol].Sin(s.X, s.Y, s.Z) + Speckle[(2 * pol) + 1].Sin(s.X, s.Y, s.Z));
        double db;
        if (s.Cover == LandCover.Water)
        {
            db = level + (0.8 * s.Texture) + (0.8 * speckle);
        }
        else
        {
            db = level + (3.0 * (HashUnit(s.ParcelHash, 4 + pol) - 0.5)) + (1.0 * s.Smooth) + (1.8 * s.Texture) + (1.2 * speckle);
        }

        if (offsetDb is { } offset)
        {
            db += offset;
        }

        return pol == 0 ? Math.Clamp(db, -30, -3) : Math.Clamp(db, -33, -8);
    }

    private static double CloudTexture(in GroundSample s) =>
        0.5 * (CloudTexture1.Sin(s.X, s.Y, s.Z) + CloudTexture2.Sin(s.X, s.Y, s.Z));

    private static double HashUnit(ulong hash, int salt) =>
        (Mix(hash + (ulong)(salt + 1) * 0x9E3779B97F4A7C15UL) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
