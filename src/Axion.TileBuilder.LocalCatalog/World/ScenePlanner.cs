using System.Globalization;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Randomness;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// Plans a world: grids, scenes, ids, clouds and files for every location, without computing a pixel.
/// Pure and deterministic: the same spec always gives the same plan.
/// </summary>
internal static class ScenePlanner
{
    /// <summary>Largest offset of a location from its scene's centre, metres.</summary>
    private const double MaxOffsetM = 4000;

    public static IReadOnlyList<LocationPlan> Plan(WorldSpec spec)
    {
        WorldSpecValidator.Validate(spec);
        return spec.Locations.Select((location, index) => PlanLocation(spec, location, index)).ToList();
    }

    private static LocationPlan PlanLocation(WorldSpec spec, WorldLocation location, int index) => location.Layout switch
    {
        WorldLayout.StraddleTiles => StraddlePlanner.Plan(spec, location, index, Utm.ZoneFor(location.Latitude, location.Longitude)),
        WorldLayout.ZoneEdgeStraddle => StraddlePlanner.Plan(spec, location, index, ZoneEdgeZone(location)),
        WorldLayout.ZoneEdge => PlanLocation(spec, location, index, ZoneEdgeZone(location)),
        _ => PlanLocation(spec, location, index, Utm.ZoneFor(location.Latitude, location.Longitude)),
    };

    /// <summary>
    /// The plan of a <see cref="WorldLayout.Normal"/> location when <paramref name="gridZone"/> is the location's own zone,
    /// of a <see cref="WorldLayout.ZoneEdge"/> one when it is the neighbouring zone: the same placement, stated in that zone.
    /// A seasonal location (<see cref="WorldLayout.Seasons"/>, <see cref="WorldLayout.SeasonsWithGap"/>) is placed as a
    /// normal one with the dates of <see cref="SeasonalCalendar"/>, each scene carrying its date's gain or offset, and is
    /// rendered half a year at a time (the memory of a normal location's four dates).
    /// </summary>
    private static LocationPlan PlanLocation(WorldSpec spec, WorldLocation location, int index, int gridZone)
    {
        var rng = SplitMix64.FromSeeds(spec.Seed, index, 0x10CA7E);
        var ownAoi = LocationAoi.For(location, spec);
        var zone = gridZone;
        var north = location.Latitude >= 0;
        var aoi = gridZone == Utm.ZoneFor(location.Latitude, location.Longitude) ? ownAoi : InZone(location, spec, gridZone);
        var half = spec.ScenePx * 10.0 / 2;
        var guardHalf = (spec.AoiSizeM / 2) + CloudPlanner.GuardM;
        var maxOffset = Math.Min(MaxOffsetM, half - guardHalf);
        if (maxOffset < 0.15 * half)
        {
            maxOffset = 0.15 * half; // small test scenes: the AOI guarantee is not kept
        }

        var ox = rng.NextSign() * maxOffset * rng.NextDouble(0.55, 0.95);
        var oy = rng.NextSign() * maxOffset * rng.NextDouble(0.55, 0.95);
        var s2Grid = new GridPlan(
            zone,
            north,
            Math.Floor((aoi.CenterEasting - ox - half) / 60) * 60,
            Math.Ceiling((aoi.CenterNorthing - oy + half) / 60) * 60,
            spec.ScenePx,
            spec.ScenePx);
        var s1Grid = new GridPlan(
            zone,
            north,
            (Math.Floor((aoi.CenterEasting + (0.6 * ox) - half) / 60) * 60) + 30,
            (Math.Ceiling((aoi.CenterNorthing + (0.6 * oy) + half) / 60) * 60) - 30,
            spec.ScenePx,
            spec.ScenePx);

        var s2Wedge = Wedge(s2Grid, aoi, guardHalf);
        var s1Wedge = Wedge(s1Grid, aoi, guardHalf);
        var mgrs = MgrsName.For(zone, location.Latitude, aoi.CenterEasting, aoi.CenterNorthing);
        var s2Bbox = SceneOutline.Bbox(s2Grid);
        var s2Footprint = SceneOutline.Footprint(s2Grid, s2Wedge);
        var s1Bbox = SceneOutline.Bbox(s1Grid);
        var s1Footprint = SceneOutline.Footprint(s1Grid, s1Wedge);
        var relativeOrbit = SceneNaming.S2RelativeOrbit(location.Longitude);
        var sceneDirectionX = ox > 0 ? -1.0 : 1.0;

        var seasonal = SeasonalCalendar.IsSeasonal(location.Layout);
        List<SyntheticScene> s2 = [];
        List<SyntheticScene> s1 = [];
        foreach (var (date, role, baseline) in SceneCalendar.Slots(index, location.Layout))
        {
            var sensing = SceneCalendar.Pass(date, 10.5, location.Longitude, (int)(rng.NextUInt64() % 900));
            var processing = sensing.AddHours(3).AddMinutes(20 + (index * 7 % 40) + (int)role).AddSeconds((int)(rng.NextUInt64() % 60));
            var s2a = (date.DayNumber / 5) % 2 == 0;
            var id = SceneNaming.S2Id(s2a ? "S2A" : "S2B", sensing, relativeOrbit, mgrs, processing);
            var clouds = CloudPlanner.For(role, location, spec.AoiSizeM, sceneDirectionX, rng);
            var cover = CloudPlanner.SceneCloudCover(role, rng);
            var offsetApplied = spec.IncludeEarthSearchL2AVariants && GroundTruth.HasBoaOffset(baseline)
                ? S2Assets(id, spec.ScenePx, "boa/", includeScl: false, spec.IncludeAllBands)
                : null;
            s2.Add(new SyntheticScene(
                id,
                SceneKind.Sentinel2L2A,
                sensing,
                s2Grid.Epsg,
                s2Grid.OriginX,
                s2Grid.OriginY,
                s2Grid.Width,
                s2Grid.Height,
                s2Bbox,
                s2Footprint,
                cover,
                baseline,
                mgrs,
                relativeOrbit,
                s2a ? "Sentinel-2A" : "Sentinel-2B",
                null,
                S2Assets(id, spec.ScenePx, string.Empty, includeScl: true, spec.IncludeAllBands),
                location.Id,
                role,
                clouds,
                s2Wedge,
                offsetApplied)
            {
                SeasonalGain = seasonal ? GroundTruth.SeasonalGain(date) : null,
            });

            foreach (var (day, ascending) in new[] { (date.AddDays(-2), true), (date.AddDays(5), false) })
            {
                var scene = S1Scene(spec, location, s1Grid, s1Bbox, s1Footprint, s1Wedge, mgrs, day, ascending, rng);
                s1.Add(seasonal ? scene with { SeasonalS1OffsetDb = GroundTruth.SeasonalS1OffsetDb(day) } : scene);
            }
        }

        var byTime = s1.OrderBy(s => s.Datetime).ToList();
        var plan = new LocationPlan(location, index, ownAoi, s2Grid, s1Grid, s2, byTime);
        if (seasonal)
        {
            plan = plan with { S2Groups = HalfYears(s2Grid, s2), S1Groups = HalfYears(s1Grid, byTime) };
        }

        return spec.IncludeS1Grd ? plan with { GrdScenes = GrdScenePlanner.For(plan, spec) } : plan;
    }

    /// <summary>The scenes of a grid split into those of January-June and of July-December (render groups).</summary>
    private static List<SceneGroup> HalfYears(GridPlan grid, IEnumerable<SyntheticScene> scenes) =>
        [.. scenes.GroupBy(s => s.Datetime.Month <= 6).Select(half => new SceneGroup(grid, [.. half]))];

    /// <summary>The zone across the UTM zone boundary nearer to <paramref name="location"/>.</summary>
    internal static int ZoneEdgeZone(WorldLocation location)
    {
        var zone = Utm.ZoneFor(location.Latitude, location.Longitude);
        var offset = Utm.NormalizeLongitude(location.Longitude) - Utm.CentralMeridian(zone);
        return offset >= 0 ? (zone % 60) + 1 : ((zone + 58) % 60) + 1;
    }

    /// <summary>The AOI of a location stated in another zone's coordinates (its centre projected there).</summary>
    internal static LocationAoi InZone(WorldLocation location, WorldSpec spec, int zone)
    {
        var north = location.Latitude >= 0;
        var (e, n) = Utm.Forward(location.Longitude, location.Latitude, zone, north);
        return new LocationAoi(Utm.EpsgFor(zone, north), e, n, spec.AoiSizeM);
    }

    internal static SyntheticScene S1Scene(
        WorldSpec spec,
        WorldLocation location,
        GridPlan grid,
        IReadOnlyList<double> bbox,
        IReadOnlyList<IReadOnlyList<double>> footprint,
        SwathWedge? wedge,
        string mgrs,
        DateOnly date,
        bool ascending,
        SplitMix64 rng)
    {
        // Sentinel-1B failed on 2021-12-23: 2022 acquisitions are all 1A; in 2021 descending passes are 1B.
        var s1a = date.Year >= 2022 || ascending;
        var start = SceneCalendar.Pass(date, ascending ? 18.0 : 6.0, location.Longitude, (int)(rng.NextUInt64() % 1200));
        var datatake = (int)(rng.NextUInt64() & 0xFFFFFF);
        return S1Frame(spec, location, grid, bbox, footprint, wedge, mgrs, start, s1a, ascending, datatake);
    }

    /// <summary>One Sentinel-1 RTC product (frame) of a pass starting at <paramref name="start"/>.</summary>
    internal static SyntheticScene S1Frame(
        WorldSpec spec,
        WorldLocation location,
        GridPlan grid,
        IReadOnlyList<double> bbox,
        IReadOnlyList<IReadOnlyList<double>> footprint,
        SwathWedge? wedge,
        string mgrs,
        DateTimeOffset start,
        bool s1a,
        bool ascending,
        int datatake)
    {
        var absolute = SceneNaming.S1AbsoluteOrbit(s1a, start);
        var id = SceneNaming.S1Id(s1a ? "S1A" : "S1B", start, absolute, datatake);
        return new SyntheticScene(
            id,
            SceneKind.Sentinel1Rtc,
            start.AddSeconds(12.5),
            grid.Epsg,
            grid.OriginX,
            grid.OriginY,
            grid.Width,
            grid.Height,
            bbox,
            footprint,
            0,
            null,
            mgrs,
            SceneNaming.S1RelativeOrbit(s1a, absolute),
            s1a ? "SENTINEL-1A" : "SENTINEL-1B",
            ascending ? "ascending" : "descending",
            [
                Asset("vv", $"s1/{id}/vv.tif", spec.ScenePx, 10, "Float32", WorldFiles.S1NoData),
                Asset("vh", $"s1/{id}/vh.tif", spec.ScenePx, 10, "Float32", WorldFiles.S1NoData),
            ],
            location.Id,
            null,
            null,
            wedge,
            null);
    }

    /// <summary>
    /// The Sentinel-2 asset files of a scene: the 10 m bands, SCL (with <paramref name="includeScl"/>), then with
    /// <paramref name="allBands"/> the 20 m and 60 m bands (<see cref="S2Bands.Coarse"/>), all under <c>s2/&lt;id&gt;/&lt;subfolder&gt;</c>.
    /// </summary>
    internal static List<SceneAssetFile> S2Assets(string id, int scenePx, string subfolder, bool includeScl, bool allBands)
    {
        List<SceneAssetFile> assets = [];
        foreach (var band in S2Bands.TenMetre)
        {
            var key = band.ToString();
            assets.Add(Asset(key, $"s2/{id}/{subfolder}{key}.tif", scenePx, 10, "UInt16", 0));
        }

        if (includeScl)
        {
            assets.Add(Asset("SCL", $"s2/{id}/SCL.tif", scenePx / 2, 20, "Byte", 0));
        }

        if (allBands)
        {
            foreach (var band in S2Bands.Coarse)
            {
                var key = band.ToString();
                assets.Add(Asset(key, $"s2/{id}/{subfolder}{key}.tif", S2Bands.SizePx(band, scenePx), S2Bands.ResolutionM(band), "UInt16", 0));
            }
        }

        return assets;
    }

    private static SceneAssetFile Asset(string key, string path, int size, double resolution, string type, double noData) =>
        new(key, path, size, size, resolution, type, noData, 0);

    /// <summary>The swath-edge wedge in the scene corner farthest from the AOI guard box; null when there is no room for one.</summary>
    private static SwathWedge? Wedge(GridPlan grid, LocationAoi aoi, double guardHalf)
    {
        var w = grid.Width * 10.0;
        var h = grid.Height * 10.0;
        var westGap = aoi.CenterEasting - guardHalf - grid.OriginX;
        var eastGap = grid.OriginX + w - (aoi.CenterEasting + guardHalf);
        var southGap = aoi.CenterNorthing - guardHalf - (grid.OriginY - h);
        var northGap = grid.OriginY - (aoi.CenterNorthing + guardHalf);
        var west = westGap >= eastGap;
        var south = southGap >= northGap;
        var gaps = (west ? westGap : eastGap) + (south ? southGap : northGap);
        var leg = Math.Min(0.6 * gaps, 0.45 * Math.Min(w, h));
        if (leg < 200)
        {
            return null;
        }

        var corner = (west, south) switch
        {
            (true, true) => SceneCorner.SouthWest,
            (true, false) => SceneCorner.NorthWest,
            (false, true) => SceneCorner.SouthEast,
            _ => SceneCorner.NorthEast,
        };
        return new SwathWedge(corner, Math.Round(leg / 10) * 10);
    }

    internal static string Describe(LocationPlan plan) => string.Create(
        CultureInfo.InvariantCulture,
        $"{plan.Location.Id}: EPSG:{plan.S2Grid.Epsg} S2 origin ({plan.S2Grid.OriginX}, {plan.S2Grid.OriginY}) S1 origin ({plan.S1Grid.OriginX}, {plan.S1Grid.OriginY})");
}
