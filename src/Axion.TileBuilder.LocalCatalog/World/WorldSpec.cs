using System.Text.Json.Serialization;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// What to generate. Every member goes into the cache fingerprint, so any change gives a new world folder.
/// </summary>
/// <param name="Locations">The places (unique ids); each gets scenes A-D of Sentinel-2 (a year of scenes with a seasonal
/// <see cref="WorldLocation.Layout"/>) and two Sentinel-1 RTC acquisitions per Sentinel-2 date
/// (split into two items or frames of one pass, or gridded in the neighbouring zone, by <see cref="WorldLocation.Layout"/>).</param>
/// <param name="ScenePx">Side of every scene in 10 m pixels; even. Default 2048 (20.48 km); benchmarks use 10980 (a real tile).
/// The AOI guarantee below needs <c>ScenePx * 10 &gt;= AoiSizeM + 2 * 1200</c>; smaller scenes are allowed for quick tests.</param>
/// <param name="Seed">Varies the per-location placement and the cloud scatter of scene B. Default 0.</param>
/// <param name="IncludeEarthSearchL2AVariants">Also write the Earth Search <c>sentinel-2-l2a</c> flavour of the bands of baseline &gt;= 04.00
/// scenes (values without the +1000, see <see cref="SyntheticScene.OffsetAppliedAssets"/>). Default true.</param>
/// <param name="AoiSizeM">Side of the square AOI, metres, centred on each location, that every scene (S2 and S1) fully covers
/// with valid data and that the cloud plan refers to. Default 15 360 (6 x 6 tiles of 256 px at 10 m).</param>
/// <param name="IncludeS1Grd">Also generate a Sentinel-1 GRD product (collection <c>sentinel-1-grd</c>) for every Sentinel-1
/// acquisition: uint16 amplitude, nodata 0, no CRS, geolocated by GCPs (<see cref="GrdGeometry"/>). Default false; left out
/// of the fingerprint when false, so existing worlds keep their cache key and files.</param>
/// <param name="IncludeAllBands">Also write the 20 m bands B05 B06 B07 B8A B11 B12 (512-px blocks) and the 60 m bands B01 B09
/// (256-px blocks) of every Sentinel-2 scene, each pixel the band's <see cref="GroundTruth.S2Observed(S2Band, byte, double, double)"/> at its own centre
/// (<see cref="SceneTruth.S2Dn"/>). Default false; left out of the fingerprint when false, so existing worlds keep their cache key
/// and files, and a world with them never reuses one without.</param>
public sealed record WorldSpec(
    IReadOnlyList<WorldLocation> Locations,
    int ScenePx = 2048,
    int Seed = 0,
    bool IncludeEarthSearchL2AVariants = true,
    double AoiSizeM = 15360,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IncludeS1Grd = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool IncludeAllBands = false);
