using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>The Seasons and SeasonsWithGap layouts, checked on the plan (no pixels), and the seasonal gain functions.</summary>
public sealed class SeasonalPlanTests
{
    private static readonly WorldSpec Spec = new(
        [new("normal", 48.3, 8.15), new("seasons", 48.3, 8.15, WorldLayout.Seasons), new("gap", -33.92, 18.42, WorldLayout.SeasonsWithGap)],
        ScenePx: 1024,
        AoiSizeM: 5120);

    /// <summary>Start (day 0) of the four equal parts of 2023-01-01..2023-12-31 a time series of four parts uses.</summary>
    private static readonly DateOnly YearStart = new(2023, 1, 1);

    private static readonly int[] PartStartDays = [0, 91, 182, 273];

    [Fact]
    public void Seasons_has_an_overcast_and_a_clear_scene_in_each_quarter_of_2023()
    {
        var plan = Plan("seasons");
        Assert.Equal(8, plan.S2Scenes.Count);
        Assert.Equal(16, plan.S1Scenes.Count);
        for (var quarter = 0; quarter < 4; quarter++)
        {
            var start = new DateOnly(2023, (3 * quarter) + 1, 1);
            var overcast = Single(plan, start.AddDays(30));
            var clear = Single(plan, start.AddDays(40));
            Assert.Equal(ScenePlanRole.AoiOvercast, overcast.PlanRole);
            Assert.Equal(ScenePlanRole.AoiClear, clear.PlanRole);
            Assert.InRange(overcast.CloudCover, 6, 9);
            Assert.InRange(clear.CloudCover, 20, 25);
        }

        Assert.All(plan.S2Scenes, s => Assert.Equal("05.00", s.ProcessingBaseline));
        Assert.All(plan.S2Scenes, s => Assert.Equal(plan.S2Grid.Epsg, s.Epsg));
    }

    [Fact]
    public void The_gap_layout_has_no_clear_scene_in_the_third_quarter()
    {
        var plan = Plan("gap");
        Assert.Equal(7, plan.S2Scenes.Count);
        Assert.Equal(14, plan.S1Scenes.Count);
        var third = plan.S2Scenes.Where(s => s.Datetime.Month is >= 7 and <= 9).ToList();
        Assert.Equal([new DateOnly(2023, 7, 31)], third.Select(Day));
        Assert.Equal(ScenePlanRole.AoiOvercast, third.Single().PlanRole);
        Assert.Equal(
            Plan("seasons").S2Scenes.Select(s => (Day(s), s.PlanRole)).Where(p => p.Item1 != new DateOnly(2023, 8, 10)),
            plan.S2Scenes.Select(s => (Day(s), s.PlanRole)));
    }

    [Fact]
    public void In_each_part_of_a_four_part_year_the_lowest_scene_cloud_is_the_overcast_scene_and_the_next_the_clear_one()
    {
        foreach (var (id, gapPart) in new[] { ("seasons", -1), ("gap", 2) })
        {
            var plan = Plan(id);
            for (var part = 0; part < 4; part++)
            {
                var first = YearStart.AddDays(PartStartDays[part]);
                var end = part < 3 ? YearStart.AddDays(PartStartDays[part + 1]) : new DateOnly(2024, 1, 1);
                var inPart = plan.S2Scenes.Where(s => Day(s) >= first && Day(s) < end).OrderBy(s => s.CloudCover).ToList();
                Assert.All(plan.S2Scenes.Concat(plan.S1Scenes), s => Assert.True(Day(s) < first.AddDays(-20) || Day(s) >= first.AddDays(20), $"{s.Id} is within 20 days of the start of part {part}"));
                var expected = part == gapPart ? new[] { ScenePlanRole.AoiOvercast } : [ScenePlanRole.AoiOvercast, ScenePlanRole.AoiClear];
                Assert.Equal(expected, inPart.Select(s => s.PlanRole!.Value));
            }
        }
    }

    [Fact]
    public void A_seasonal_place_lies_on_the_grids_of_a_normal_one_with_its_cloud_plans()
    {
        var normal = Plan("normal");
        var seasons = ScenePlanner.Plan(Spec with { Locations = [Spec.Locations[1] with { Id = "normal" }] }).Single();
        Assert.Equal(normal.S2Grid, seasons.S2Grid);
        Assert.Equal(normal.S1Grid, seasons.S1Grid);
        Assert.Equal(normal.S2Scenes[0].NoDataWedge, seasons.S2Scenes[0].NoDataWedge);
        Assert.Equal(normal.S2Scenes[0].MgrsTile, seasons.S2Scenes[0].MgrsTile);

        // The overcast scenes' cloud covers the AOI's centre, the clear scenes' cloud does not (the files are checked in SeasonalWorldTests).
        var location = Spec.Locations[1];
        foreach (var scene in seasons.S2Scenes)
        {
            var cls = scene.Clouds!.ClassAt(location.Longitude, location.Latitude);
            Assert.Equal(scene.PlanRole == ScenePlanRole.AoiOvercast, cls is SclClass.CloudHigh or SclClass.CloudMedium);
        }
    }

    [Fact]
    public void Sentinel1_brackets_every_date_and_every_scene_carries_its_dates_gain_or_offset()
    {
        foreach (var id in new[] { "seasons", "gap" })
        {
            var plan = Plan(id);
            foreach (var s2 in plan.S2Scenes)
            {
                Assert.Equal(GroundTruth.SeasonalGain(Day(s2)), s2.SeasonalGain);
                Assert.Null(s2.SeasonalS1OffsetDb);
                var ascending = plan.S1Scenes.Single(s => Day(s) == Day(s2).AddDays(-2));
                var descending = plan.S1Scenes.Single(s => Day(s) == Day(s2).AddDays(5));
                Assert.Equal(("ascending", "descending"), (ascending.OrbitState, descending.OrbitState));
            }

            Assert.All(plan.S1Scenes, s => Assert.Equal(GroundTruth.SeasonalS1OffsetDb(Day(s)), s.SeasonalS1OffsetDb));
            Assert.All(plan.S1Scenes, s => Assert.Null(s.SeasonalGain));
        }

        var normal = Plan("normal");
        Assert.All(normal.S2Scenes.Concat(normal.S1Scenes), s => Assert.Null(s.SeasonalGain ?? s.SeasonalS1OffsetDb));
    }

    [Fact]
    public void The_grd_products_of_a_seasonal_place_carry_their_acquisitions_offset()
    {
        var plan = ScenePlanner.Plan(Spec with { Locations = [Spec.Locations[1]], IncludeS1Grd = true }).Single();
        Assert.Equal(16, plan.GrdScenes!.Count);
        Assert.Equal(plan.S1Scenes.Select(s => s.SeasonalS1OffsetDb), plan.GrdScenes.Select(s => s.SeasonalS1OffsetDb));
        Assert.All(plan.GrdScenes, s => Assert.NotNull(s.SeasonalS1OffsetDb));
    }

    [Fact]
    public void The_gain_is_a_ramp_over_the_year_at_least_eleven_percent_apart_between_the_quarters_clear_dates()
    {
        Assert.Equal(0.8, GroundTruth.SeasonalGain(new DateOnly(2023, 1, 1)));
        Assert.Equal(0.8 + (0.5 * 364 / 365), GroundTruth.SeasonalGain(new DateOnly(2023, 12, 31)), 15);
        Assert.Equal(-1.5, GroundTruth.SeasonalS1OffsetDb(new DateOnly(2023, 1, 1)));
        Assert.Equal(-1.5 + (3.0 * 364 / 365), GroundTruth.SeasonalS1OffsetDb(new DateOnly(2023, 12, 31)), 15);

        DateOnly[] clear = [new(2023, 2, 10), new(2023, 5, 11), new(2023, 8, 10), new(2023, 11, 10)];
        var gains = clear.Select(GroundTruth.SeasonalGain).ToArray();
        Assert.Equal(new[] { 0.85479, 0.97808, 1.10274, 1.22877 }, gains.Select(g => Math.Round(g, 5)));
        for (var q = 1; q < 4; q++)
        {
            Assert.InRange(gains[q] / gains[q - 1], 1.11, 1.15);
            Assert.InRange(GroundTruth.SeasonalS1OffsetDb(clear[q]) - GroundTruth.SeasonalS1OffsetDb(clear[q - 1]), 0.73, 0.76);
        }

        // Ten days apart (a quarter's overcast and clear scenes) the gain still differs.
        Assert.InRange(GroundTruth.SeasonalGain(new DateOnly(2023, 2, 10)) - GroundTruth.SeasonalGain(new DateOnly(2023, 1, 31)), 0.0136, 0.0138);
    }

    [Fact]
    public void Seasonal_layouts_get_their_own_generator_version_and_leave_other_locations_alone()
    {
        Assert.Contains(WorldFingerprint.SeasonalLayoutVersion, WorldFingerprint.CanonicalJson(Spec), StringComparison.Ordinal);
        Assert.Contains("\"Layout\": \"SeasonsWithGap\"", WorldFingerprint.CanonicalJson(Spec), StringComparison.Ordinal);
        Assert.DoesNotContain(WorldFingerprint.SeasonalLayoutVersion, WorldFingerprint.CanonicalJson(Spec with { Locations = [Spec.Locations[0]] }), StringComparison.Ordinal);
        var alone = ScenePlanner.Plan(Spec with { Locations = [Spec.Locations[0]] }).Single();
        Assert.Equal(alone.S2Scenes.Select(s => s.Id), Plan("normal").S2Scenes.Select(s => s.Id));
        Assert.Equal(alone.S1Scenes.Select(s => s.Id), Plan("normal").S1Scenes.Select(s => s.Id));
        var ids = ScenePlanner.Plan(Spec).SelectMany(p => p.S2Scenes.Concat(p.S1Scenes)).Select(s => s.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    private static LocationPlan Plan(string id) => ScenePlanner.Plan(Spec).Single(p => p.Location.Id == id);

    private static SyntheticScene Single(LocationPlan plan, DateOnly day) => plan.S2Scenes.Single(s => Day(s) == day);

    private static DateOnly Day(SyntheticScene scene) => DateOnly.FromDateTime(scene.Datetime.UtcDateTime);
}
