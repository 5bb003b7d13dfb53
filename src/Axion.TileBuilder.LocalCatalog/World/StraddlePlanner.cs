using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Randomness;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// Plans a <see cref="WorldLayout.StraddleTiles"/> or <see cref="WorldLayout.ZoneEdgeStraddle"/> location: per Sentinel-2 date two items of one pass on two
/// neighbouring tile grids, per Sentinel-1 acquisition two frames of one pass, each covering only part of the AOI.
/// Scene roles A-D, dates and clouds are those of <see cref="ScenePlanner"/> (clouds are functions of lon/lat, so
/// both items of a date agree wherever both have data). The two items of a date differ in processing baseline, one
/// with the -1000 DN offset (04.00 and later) and one without, so their DN differ where both have data.
/// </summary>
internal static class StraddlePlanner
{
    /// <summary>Seconds between the starts of the two Sentinel-1 frames of a pass.</summary>
    private const int FrameSeconds = 25;

    /// <param name="spec">The world.</param>
    /// <param name="location">The location.</param>
    /// <param name="index">Its index in the spec.</param>
    /// <param name="zone">
    /// The zone the scenes are gridded in: the location's own (<see cref="WorldLayout.StraddleTiles"/>) or the neighbouring
    /// one (<see cref="WorldLayout.ZoneEdgeStraddle"/>; the placement is the same, stated in that zone's coordinates).
    /// </param>
    public static LocationPlan Plan(WorldSpec spec, WorldLocation location, int index, int zone)
    {
        var rng = SplitMix64.FromSeeds(spec.Seed, index, 0x57AD);
        var aoi = LocationAoi.For(location, spec);
        var gridAoi = ScenePlanner.InZone(location, spec, zone); // the AOI's centre in the grid zone (the AOI itself when it is the own zone)
        var north = location.Latitude >= 0;
        var size = spec.ScenePx * 10.0;
        var a = spec.AoiSizeM;
        var e = gridAoi.CenterEasting;
        var n = gridAoi.CenterNorthing;
        if (size < a + (2 * CloudPlanner.GuardM))
        {
            throw new InvalidWorldSpecException(
                FormattableString.Invariant($"Location '{location.Id}': layout {location.Layout} needs ScenePx * 10 >= AoiSizeM + {2 * CloudPlanner.GuardM} m, got {spec.ScenePx} px for {a} m."));
        }

        var top = Math.Ceiling((n + (size / 2)) / 60) * 60;

        // West tile: its raster ends 0.2 A east of the centre (70 % of the AOI). East tile: its raster covers the AOI,
        // but a swath-edge triangle in its north-west corner leaves the AOI's north-west part without data (82 % left):
        // the diagonal crosses the AOI's north edge 0.1 A east of the centre and its west edge at the centre row.
        var west = new GridPlan(zone, north, Math.Round((e + (0.2 * a) - size) / 60) * 60, top, spec.ScenePx, spec.ScenePx);
        var east = new GridPlan(zone, north, Math.Round((e - (0.6 * a)) / 60) * 60, top, spec.ScenePx, spec.ScenePx);
        var leg = Math.Round(((e + (0.1 * a) - east.OriginX) + (top - (n + (a / 2)))) / 10) * 10;
        var eastWedge = new SwathWedge(SceneCorner.NorthWest, leg);

        var mgrsWest = MgrsName.For(zone, location.Latitude, e, n);
        var mgrsEast = MgrsName.For(zone, location.Latitude, e + 100000, n);
        var relativeOrbit = SceneNaming.S2RelativeOrbit(location.Longitude);
        List<SyntheticScene> westScenes = [], eastScenes = [];
        List<SyntheticScene> northFrames = [], southFrames = [];

        // Sentinel-1 frames: the northern ends 0.1 A south of the centre, the southern starts 0.2 A north of it.
        var s1West = (Math.Floor((e - (size / 2)) / 60) * 60) + 30;
        var northFrame = new GridPlan(zone, north, s1West, (Math.Round((n - (0.1 * a) + size) / 60) * 60) - 30, spec.ScenePx, spec.ScenePx);
        var southFrame = new GridPlan(zone, north, s1West, (Math.Round((n + (0.2 * a)) / 60) * 60) - 30, spec.ScenePx, spec.ScenePx);

        foreach (var role in SceneCalendar.Roles)
        {
            var date = SceneCalendar.Date(index, role);
            var baseline = SceneCalendar.Baseline(index, role);
            var sensing = SceneCalendar.Pass(date, 10.5, location.Longitude, (int)(rng.NextUInt64() % 900));
            var processing = sensing.AddHours(3).AddMinutes(20 + (index * 7 % 40) + (int)role).AddSeconds((int)(rng.NextUInt64() % 60));
            var s2a = (date.DayNumber / 5) % 2 == 0;
            var clouds = CloudPlanner.For(role, location, spec.AoiSizeM, 1.0, rng);
            var cover = CloudPlanner.SceneCloudCover(role, rng);
            // The east item carries another processing baseline, on the other side of the 04.00 offset change (as when
            // one tile of a pass has been reprocessed): a mosaic must convert each item's DN with that item's own rule.
            var eastBaseline = GroundTruth.HasBoaOffset(baseline) ? "03.01" : "04.00";
            foreach (var (grid, wedge, mgrs, list, itemBaseline) in new[] { (west, (SwathWedge?)null, mgrsWest, westScenes, baseline), (east, eastWedge, mgrsEast, eastScenes, eastBaseline) })
            {
                var id = SceneNaming.S2Id(s2a ? "S2A" : "S2B", sensing, relativeOrbit, mgrs, processing);
                var offsetApplied = spec.IncludeEarthSearchL2AVariants && GroundTruth.HasBoaOffset(itemBaseline)
                    ? ScenePlanner.S2Assets(id, spec.ScenePx, "boa/", includeScl: false, spec.IncludeAllBands)
                    : null;
                list.Add(new SyntheticScene(
                    id,
                    SceneKind.Sentinel2L2A,
                    sensing,
                    grid.Epsg,
                    grid.OriginX,
                    grid.OriginY,
                    grid.Width,
                    grid.Height,
                    SceneOutline.Bbox(grid),
                    SceneOutline.Footprint(grid, wedge),
                    cover,
                    itemBaseline,
                    mgrs,
                    relativeOrbit,
                    s2a ? "Sentinel-2A" : "Sentinel-2B",
                    null,
                    ScenePlanner.S2Assets(id, spec.ScenePx, string.Empty, includeScl: true, spec.IncludeAllBands),
                    location.Id,
                    role,
                    clouds,
                    wedge,
                    offsetApplied));
            }

            foreach (var (day, ascending) in new[] { (date.AddDays(-2), true), (date.AddDays(5), false) })
            {
                var s1a = day.Year >= 2022 || ascending;
                var start = SceneCalendar.Pass(day, ascending ? 18.0 : 6.0, location.Longitude, (int)(rng.NextUInt64() % 1200));
                if (SceneNaming.S1AbsoluteOrbit(s1a, start) != SceneNaming.S1AbsoluteOrbit(s1a, start.AddSeconds(FrameSeconds)))
                {
                    start = start.AddSeconds(-2 * FrameSeconds); // both frames on one absolute orbit
                }

                var datatake = (int)(rng.NextUInt64() & 0xFFFFFF);

                // Descending passes fly north to south: the northern frame comes first; ascending the other way round.
                var northStart = ascending ? start.AddSeconds(FrameSeconds) : start;
                var southStart = ascending ? start : start.AddSeconds(FrameSeconds);
                northFrames.Add(Frame(spec, location, northFrame, northStart, s1a, ascending, datatake));
                southFrames.Add(Frame(spec, location, southFrame, southStart, s1a, ascending, datatake));
            }
        }

        return new LocationPlan(
            location,
            index,
            aoi,
            west,
            northFrame,
            westScenes.Concat(eastScenes).OrderBy(s => s.Datetime).ThenBy(s => s.Id, StringComparer.Ordinal).ToList(),
            northFrames.Concat(southFrames).OrderBy(s => s.Datetime).ToList(),
            [new SceneGroup(west, westScenes), new SceneGroup(east, eastScenes)],
            [new SceneGroup(northFrame, northFrames), new SceneGroup(southFrame, southFrames)]);
    }

    private static SyntheticScene Frame(WorldSpec spec, WorldLocation location, GridPlan grid, DateTimeOffset start, bool s1a, bool ascending, int datatake) =>
        ScenePlanner.S1Frame(
            spec,
            location,
            grid,
            SceneOutline.Bbox(grid),
            SceneOutline.Footprint(grid, null),
            null,
            MgrsName.For(grid.Zone, location.Latitude, grid.OriginX + (grid.Width * 5.0), grid.OriginY - (grid.Height * 5.0)),
            start,
            s1a,
            ascending,
            datatake);
}
