namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>How the scenes of one location are laid out. New members go at the end: the spec fingerprint names them.</summary>
public enum WorldLayout
{
    /// <summary>One Sentinel-2 grid per location, in the location's UTM zone, covering the AOI.</summary>
    Normal,

    /// <summary>
    /// The AOI straddles two neighbouring MGRS tiles of the same pass: every Sentinel-2 date has two items with the
    /// same datetime and relative orbit and different MGRS ids, on two grids of the location's zone. The western
    /// tile's raster ends inside the AOI (its east edge 20 % of the AOI width east of the centre: 70 % of the AOI); the
    /// eastern tile's raster covers the AOI but a nodata triangle (a swath edge, <see cref="SwathWedge"/> in its
    /// north-west corner) removes the AOI's north-west part (the diagonal crosses the AOI's north edge 10 % east of the
    /// centre and its west edge at the centre row: 82 % left). Neither covers the AOI alone, their union does.
    /// Sentinel-1 is split along-track into a northern and a southern frame of the same pass (starts 25 s apart), each
    /// covering part of the AOI (the northern frame ends 10 % of the AOI height south of the centre: 60 %; the southern
    /// one starts 20 % north of it: 70 %). Needs <c>ScenePx * 10 &gt;= AoiSizeM + 2400</c>.
    /// </summary>
    StraddleTiles,

    /// <summary>
    /// The location lies near a UTM zone boundary (within 1 degree of longitude; tests use 2-5 km) and every
    /// Sentinel-2 and Sentinel-1 scene is gridded in the neighbouring zone (the one across the nearer boundary),
    /// as the best item of a place at a zone edge often is: a pipeline must warp them onto the AOI's own-zone grid.
    /// Otherwise as <see cref="Normal"/>.
    /// </summary>
    ZoneEdge,

    /// <summary>
    /// <see cref="StraddleTiles"/> in the neighbouring zone: the place lies near a UTM zone boundary (within 1 degree of
    /// longitude) and both Sentinel-2 items of a date and both Sentinel-1 frames of a pass are gridded in the zone across
    /// the nearer boundary, each covering only part of the AOI: a pipeline must warp every item onto the AOI's own-zone
    /// grid and merge the warped reads.
    /// </summary>
    ZoneEdgeStraddle,

    /// <summary>
    /// A year of Sentinel-2 scenes instead of the four of one month, for time series: on the location's own-zone grid as
    /// <see cref="Normal"/>, in each quarter of 2023 (q = 0..3, starting 1 January, 1 April, 1 July, 1 October) an
    /// <see cref="ScenePlanRole.AoiOvercast"/> scene (6-9 % scene cloud, the AOI under one cloud) at the quarter's start
    /// + 30 days and an <see cref="ScenePlanRole.AoiClear"/> one (20-25 %, the AOI clear) at + 40 days, baseline 05.00
    /// (<see cref="SeasonalCalendar"/>); Sentinel-1 as for every Sentinel-2 date (ascending 2 days before, descending 5
    /// days after). The pixels differ by date: the clear-sky reflectance times <see cref="GroundTruth.SeasonalGain"/>, the
    /// backscatter plus <see cref="GroundTruth.SeasonalS1OffsetDb"/> (<see cref="SyntheticScene.SeasonalGain"/>,
    /// <see cref="SyntheticScene.SeasonalS1OffsetDb"/>).
    /// </summary>
    Seasons,

    /// <summary>
    /// <see cref="Seasons"/> without the clear scene of the third quarter (July-September): that quarter has only its
    /// overcast scene, so a four-part time series of the place finds no clear scene in part 2.
    /// </summary>
    SeasonsWithGap,
}
