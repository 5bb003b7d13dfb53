using System.Text.Json.Serialization;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>What a synthetic scene is: the Sentinel-2 L2A, Sentinel-1 RTC or Sentinel-1 GRD product it imitates.</summary>
public enum SceneKind
{
    Sentinel2L2A,
    Sentinel1Rtc,

    /// <summary>Sentinel-1 GRD: uint16 amplitude, no CRS, geolocated by GCPs (<see cref="SyntheticScene.Grd"/>).</summary>
    Sentinel1Grd,
}

/// <summary>
/// One COG file of a synthetic scene.
/// </summary>
/// <param name="Key">Canonical band key: <c>B02 B03 B04 B08 SCL</c> for Sentinel-2, <c>vv vh</c> for Sentinel-1.
/// The server maps it to each flavour's asset key (e.g. <c>red</c> on Earth Search).</param>
/// <param name="RelativePath">Path below <see cref="SyntheticWorld.Directory"/>, '/'-separated, ending in <c>.tif</c>.</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
/// <param name="ResolutionM">Pixel size, metres (10 or 20).</param>
/// <param name="DataType">GDAL type name: <c>UInt16</c>, <c>Byte</c>, <c>Float32</c>.</param>
/// <param name="NoData">Nodata value written in the file.</param>
/// <param name="FileSize">Bytes.</param>
public sealed record SceneAssetFile(
    string Key,
    string RelativePath,
    int Width,
    int Height,
    double ResolutionM,
    string DataType,
    double NoData,
    long FileSize);

/// <summary>
/// One synthetic scene: the metadata the STAC server turns into an item, and its asset files.
/// </summary>
/// <param name="Id">Item id, shaped like the real ones (e.g. <c>S2B_MSIL2A_20240612T103629_R008_T31UFU_20240612T140021</c>).</param>
/// <param name="Kind">Product.</param>
/// <param name="Datetime">Acquisition time, UTC.</param>
/// <param name="Epsg">UTM EPSG code of the grid (326zz / 327zz).</param>
/// <param name="OriginX">Upper-left corner easting, metres, a multiple of 10.</param>
/// <param name="OriginY">Upper-left corner northing, metres, a multiple of 10.</param>
/// <param name="Width10m">Width of the 10 m grid, pixels.</param>
/// <param name="Height10m">Height of the 10 m grid, pixels.</param>
/// <param name="BboxLonLat">west, south, east, north in degrees (covers the whole UTM rectangle).</param>
/// <param name="FootprintLonLat">Closed polygon ring of [lon, lat] pairs: the valid-data footprint.</param>
/// <param name="CloudCover">Scene-level <c>eo:cloud_cover</c>, percent (Sentinel-2 only; 0 for Sentinel-1).</param>
/// <param name="ProcessingBaseline">Sentinel-2 processing baseline, e.g. <c>02.12</c> or <c>05.10</c>; null for Sentinel-1.</param>
/// <param name="MgrsTile">Sentinel-2 MGRS tile id, e.g. <c>31UFU</c> (synthetic grid square name for Sentinel-1).</param>
/// <param name="RelativeOrbit">Relative orbit number.</param>
/// <param name="Platform">e.g. <c>sentinel-2b</c>, <c>SENTINEL-1A</c>.</param>
/// <param name="OrbitState">Sentinel-1 <c>ascending</c>/<c>descending</c>; null for Sentinel-2.</param>
/// <param name="Assets">Asset files.</param>
/// <param name="LocationId">Id of the <see cref="WorldLocation"/> the scene was made for.</param>
/// <param name="PlanRole">Sentinel-2: the scene's part in the location's plan (A-D, see <see cref="ScenePlanRole"/>); null for Sentinel-1.</param>
/// <param name="Clouds">Sentinel-2: the cloud model the SCL and the bands follow (<see cref="GroundTruth.Scl(SyntheticScene, double, double)"/>); null for Sentinel-1.</param>
/// <param name="NoDataWedge">The corner cut off as nodata (<see cref="SceneFootprint.IsValid"/>); null when the whole rectangle is valid.</param>
/// <param name="OffsetAppliedAssets">
/// Sentinel-2 scenes of baseline &gt;= 04.00 when <see cref="WorldSpec.IncludeEarthSearchL2AVariants"/> is on: the
/// Earth Search <c>sentinel-2-l2a</c> flavour of <c>B02 B03 B04 B08</c> (keys as in <see cref="Assets"/>, files
/// <c>s2/&lt;id&gt;/boa/&lt;key&gt;.tif</c>) whose values already have the BOA offset applied, i.e. round(reflectance x 10 000)
/// with no +1000. An Earth Search item of such a scene serves these files for its band assets (the SCL file is shared, from
/// <see cref="Assets"/>) and says <c>earthsearch:boa_offset_applied: true</c>. Null otherwise (serve <see cref="Assets"/>,
/// whose values carry the +1000 for baseline &gt;= 04.00, the Planetary Computer and <c>sentinel-2-c1-l2a</c> convention).
/// </param>
/// <param name="Grd">Sentinel-1 GRD scenes only: the image geometry (the GCPs come from it); for those, <see cref="Epsg"/> is
/// the UTM zone the geometry is defined in, <see cref="OriginX"/>/<see cref="OriginY"/> are 0 and
/// <see cref="Width10m"/>/<see cref="Height10m"/> are the raster size. Null for other scenes (and then not written to JSON).</param>
/// <param name="SeasonalGain">Sentinel-2 scenes of the seasonal layouts (<see cref="WorldLayout.Seasons"/>): the factor on the
/// clear-sky reflectance, <see cref="GroundTruth.SeasonalGain"/> of the scene's UTC day. Null for every other scene (the
/// reflectance as it is; not written to JSON).</param>
/// <param name="SeasonalS1OffsetDb">Sentinel-1 scenes (RTC and GRD) of the seasonal layouts: the backscatter offset, dB,
/// <see cref="GroundTruth.SeasonalS1OffsetDb"/> of the acquisition's UTC day. Null for every other scene (no offset; not
/// written to JSON).</param>
public sealed record SyntheticScene(
    string Id,
    SceneKind Kind,
    DateTimeOffset Datetime,
    int Epsg,
    double OriginX,
    double OriginY,
    int Width10m,
    int Height10m,
    IReadOnlyList<double> BboxLonLat,
    IReadOnlyList<IReadOnlyList<double>> FootprintLonLat,
    double CloudCover,
    string? ProcessingBaseline,
    string MgrsTile,
    int RelativeOrbit,
    string Platform,
    string? OrbitState,
    IReadOnlyList<SceneAssetFile> Assets,
    string? LocationId = null,
    ScenePlanRole? PlanRole = null,
    CloudModel? Clouds = null,
    SwathWedge? NoDataWedge = null,
    IReadOnlyList<SceneAssetFile>? OffsetAppliedAssets = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GrdGeometry? Grd = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SeasonalGain = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SeasonalS1OffsetDb = null);

/// <summary>A generated world: a folder of COGs and the scenes they belong to.</summary>
/// <param name="Directory">Absolute folder holding the files (<see cref="SceneAssetFile.RelativePath"/> is below it).</param>
/// <param name="Scenes">Every scene, Sentinel-2 and Sentinel-1.</param>
/// <param name="Fingerprint">Hash of the inputs (locations, options, generator version): the cache key.</param>
/// <param name="TimeStart">Start of the UTC day of the earliest scene: a search window from here to <see cref="TimeEnd"/> finds every scene.</param>
/// <param name="TimeEnd">End (exclusive, midnight UTC) of the day of the latest scene.</param>
public sealed record SyntheticWorld(
    string Directory,
    IReadOnlyList<SyntheticScene> Scenes,
    string Fingerprint,
    DateTimeOffset TimeStart = default,
    DateTimeOffset TimeEnd = default)
{
    /// <summary>
    /// The days the scenes of <paramref name="kind"/> span: for <see cref="SceneKind.Sentinel2L2A"/> the
    /// <c>--start</c>/<c>--end</c> window of a <c>build</c> that finds them all.
    /// </summary>
    /// <exception cref="InvalidOperationException">The world has no scene of <paramref name="kind"/>.</exception>
    public SceneDateSpan DatesOf(SceneKind kind) =>
        SceneDateSpan.Of(Scenes.Where(s => s.Kind == kind))
        ?? throw new InvalidOperationException($"the world in {Directory} has no {kind} scene");

    /// <summary>The days all scenes span (Sentinel-2 and Sentinel-1); null for a world without scenes.</summary>
    public SceneDateSpan? Dates => SceneDateSpan.Of(Scenes);
}
