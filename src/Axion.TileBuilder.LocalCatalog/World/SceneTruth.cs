using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The exact value every pixel of a generated file must hold, from <see cref="GroundTruth"/> at the pixel centre
/// (<see cref="Utm.Inverse"/> of its easting/northing), the scene's clouds and its footprint.
/// </summary>
public static class SceneTruth
{
    /// <summary>
    /// Expected DN of a band pixel (<paramref name="col"/>, <paramref name="row"/> on the band's own grid: 10, 20 or 60 m,
    /// <see cref="S2Bands.ResolutionM"/>): 0 outside the footprint, otherwise <see cref="GroundTruth.S2Dn"/> of
    /// <see cref="GroundTruth.S2Observed(S2Band, byte, double, double, double?)"/> at the pixel centre with the SCL class of the 20 m pixel that contains that
    /// centre (10 m: (col/2, row/2); 20 m: its own; 60 m: (3 col + 1, 3 row + 1), the middle of its 3 x 3).
    /// <paramref name="boaOffsetApplied"/> selects the <see cref="SyntheticScene.OffsetAppliedAssets"/> flavour. The clear-sky
    /// reflectance is scaled by the scene's <see cref="SyntheticScene.SeasonalGain"/> (seasonal layouts only).
    /// </summary>
    public static ushort S2Dn(SyntheticScene scene, S2Band band, int col, int row, bool boaOffsetApplied = false)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var resolution = S2Bands.ResolutionM(band);
        var (e, n) = SceneFootprint.PixelCentre(scene, col, row, resolution);
        if (!SceneFootprint.IsValid(scene, e, n))
        {
            return 0;
        }

        var (zone, north) = ZoneOf(scene);
        var (lon, lat) = Utm.Inverse(e, n, zone, north);
        var scl = resolution == 10 ? Scl(scene, col / 2, row / 2) : resolution == 20 ? Scl(scene, col, row) : Scl(scene, (3 * col) + 1, (3 * row) + 1);
        return GroundTruth.S2Dn(GroundTruth.S2Observed(band, scl, lon, lat, scene.SeasonalGain), scene.ProcessingBaseline!, boaOffsetApplied);
    }

    /// <summary>Expected SCL of 20 m pixel (col, row): 0 outside the footprint, otherwise <see cref="GroundTruth.Scl(SyntheticScene, double, double)"/> at its centre.</summary>
    public static byte Scl(SyntheticScene scene, int col, int row)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var (e, n) = SceneFootprint.PixelCentre(scene, col, row, 20);
        if (!SceneFootprint.IsValid(scene, e, n))
        {
            return SclClass.NoData;
        }

        var (zone, north) = ZoneOf(scene);
        var (lon, lat) = Utm.Inverse(e, n, zone, north);
        return GroundTruth.Scl(scene, lon, lat);
    }

    /// <summary>
    /// Expected linear power (as float32) of a Sentinel-1 pixel, with the scene's <see cref="SyntheticScene.SeasonalS1OffsetDb"/>
    /// (seasonal layouts only); <see cref="WorldFiles.S1NoData"/> outside the footprint.
    /// </summary>
    public static float S1Linear(SyntheticScene scene, S1Polarization polarization, int col, int row)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var (e, n) = SceneFootprint.PixelCentre(scene, col, row, 10);
        if (!SceneFootprint.IsValid(scene, e, n))
        {
            return (float)WorldFiles.S1NoData;
        }

        var (zone, north) = ZoneOf(scene);
        var (lon, lat) = Utm.Inverse(e, n, zone, north);
        return (float)GroundTruth.S1Linear(polarization, lon, lat, scene.SeasonalS1OffsetDb);
    }

    /// <summary>UTM zone and hemisphere of a scene's EPSG code.</summary>
    public static (int Zone, bool North) ZoneOf(SyntheticScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return Utm.FromEpsg(scene.Epsg)
            ?? throw new ArgumentException($"Scene '{scene.Id}' has EPSG:{scene.Epsg}, not a WGS 84 UTM zone.", nameof(scene));
    }
}
