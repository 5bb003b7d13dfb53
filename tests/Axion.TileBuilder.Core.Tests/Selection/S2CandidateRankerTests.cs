using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Core.Tests.Selection;

public class S2CandidateRankerTests
{
    private static readonly AoiExtent Aoi = AoiExtent.FromBounds(new GeoBounds(2.30, 48.83, 2.40, 48.88));
    private static readonly DateWindow Window = new(new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 30));
    private static readonly DateTimeOffset Centre = new(2024, 6, 16, 0, 0, 0, TimeSpan.Zero);

    private static SceneCandidate Scene(string id, double? cloud, double daysFromCentre = 0, double[]? bbox = null) => new()
    {
        Id = id,
        Collection = "sentinel-2-l2a",
        Datetime = Centre.AddDays(daysFromCentre),
        CloudCover = cloud,
        BboxLonLat = bbox ?? [1.5, 48.3, 3.0, 49.3],
        Epsg = 32631,
    };

    private static SelectionDecision DecisionOf(CandidateRanking r, string id) => Assert.Single(r.Decisions, d => d.Id == id);

    [Fact]
    public void Best_first_by_cloud_then_nearest_to_centre_then_id()
    {
        var ranking = S2CandidateRanker.Rank(
            [Scene("c", 5, 3), Scene("b", 5, -1), Scene("a", 5, 1), Scene("d", 1, 10), Scene("e", 20)],
            new SelectionOptions(),
            Aoi,
            Window);

        Assert.Equal(["d", "a", "b", "c", "e"], ranking.Ranked.Select(c => c.Id));
        Assert.Equal(["d", "a", "b", "c", "e"], ranking.Decisions.Select(d => d.Id));
        Assert.Equal([1, 2, 3, 4, 5], ranking.Decisions.Select(d => d.Rank!.Value));
        Assert.All(ranking.Decisions, d => Assert.True(d.Accepted));
        Assert.Equal("cloud_cover 1 <= max 30, 10.0 days from window centre", ranking.Decisions[0].Reason);
    }

    [Fact]
    public void Order_does_not_depend_on_input_order()
    {
        SceneCandidate[] scenes = [Scene("x", 5, 2), Scene("y", 5, -2), Scene("z", 5, 2), Scene("w", 4.9, 9)];
        var forward = S2CandidateRanker.Rank(scenes, new SelectionOptions(), Aoi, Window).Ranked.Select(c => c.Id).ToArray();
        var backward = S2CandidateRanker.Rank(scenes.Reverse(), new SelectionOptions(), Aoi, Window).Ranked.Select(c => c.Id).ToArray();
        Assert.Equal(["w", "x", "y", "z"], forward);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Cloud_cover_is_rechecked_client_side()
    {
        var ranking = S2CandidateRanker.Rank(
            [Scene("cloudy", 43.2), Scene("edge", 30), Scene("just-over", 30.5), Scene("none", null), Scene("nan", double.NaN)],
            new SelectionOptions(),
            Aoi,
            Window);

        Assert.Equal(["edge"], ranking.Ranked.Select(c => c.Id));
        Assert.Equal("cloud_cover 43.2 > max 30", DecisionOf(ranking, "cloudy").Reason);
        Assert.Equal("cloud_cover 30.5 > max 30", DecisionOf(ranking, "just-over").Reason);
        Assert.Equal("no cloud cover", DecisionOf(ranking, "none").Reason);
        Assert.Equal("no cloud cover", DecisionOf(ranking, "nan").Reason);
        Assert.All(ranking.Decisions.Where(d => d.Id != "edge"), d => Assert.Equal(SelectionVerdict.Rejected, d.Verdict));
        Assert.All(ranking.Decisions.Where(d => d.Id != "edge"), d => Assert.Null(d.Rank));

        var strict = S2CandidateRanker.Rank([Scene("edge", 30)], new SelectionOptions { MaxSceneCloud = 10 }, Aoi, Window);
        Assert.Equal("cloud_cover 30 > max 10", Assert.Single(strict.Decisions).Reason);
    }

    [Fact]
    public void Missing_assets_are_rejected_by_name()
    {
        var ranking = S2CandidateRanker.Rank(
            [Scene("a", 1) with { HasAllAssets = false, MissingAssets = ["SCL"] }, Scene("b", 1) with { HasAllAssets = false, MissingAssets = ["B04", "B08"] }],
            new SelectionOptions(),
            Aoi,
            Window);
        Assert.Empty(ranking.Ranked);
        Assert.Equal("missing assets SCL", DecisionOf(ranking, "a").Reason);
        Assert.Equal("missing assets B04, B08", DecisionOf(ranking, "b").Reason);
    }

    [Fact]
    public void Scene_must_cover_the_aoi()
    {
        var ranking = S2CandidateRanker.Rank(
            [Scene("partial", 1, bbox: [2.35, 48.3, 3.0, 49.3]), Scene("bad", 1, bbox: [1, 2, 3]), Scene("full", 2)],
            new SelectionOptions(),
            Aoi,
            Window);
        Assert.Equal(["full"], ranking.Ranked.Select(c => c.Id));
        Assert.StartsWith("does not cover AOI (bbox", DecisionOf(ranking, "partial").Reason);
        Assert.StartsWith("bad bbox", DecisionOf(ranking, "bad").Reason);
    }

    [Fact]
    public void Footprint_polygon_must_contain_the_aoi_even_when_the_bbox_does()
    {
        // A diagonal swath edge: the triangle's bbox covers the AOI, the triangle only half of it.
        IReadOnlyList<GeoPoint> triangle = [new(1.5, 48.3), new(3.0, 48.3), new(3.0, 49.3), new(1.5, 48.3)];
        IReadOnlyList<GeoPoint> square = [new(1.5, 48.3), new(3.0, 48.3), new(3.0, 49.3), new(1.5, 49.3)];
        var ranking = S2CandidateRanker.Rank(
            [Scene("edge-of-swath", 1) with { Footprint = [triangle] }, Scene("inside", 2) with { Footprint = [[new(0, 0), new(1, 0), new(1, 1)], square] }],
            new SelectionOptions(),
            Aoi,
            Window);
        Assert.Equal(["inside"], ranking.Ranked.Select(c => c.Id));
        Assert.StartsWith("does not cover AOI (footprint", DecisionOf(ranking, "edge-of-swath").Reason);
    }

    [Fact]
    public void Dates_outside_the_window_and_duplicates_are_rejected()
    {
        var ranking = S2CandidateRanker.Rank(
            [Scene("early", 1, -16), Scene("late", 1, 15), Scene("last-day", 1, 14.9), Scene("last-day", 0)],
            new SelectionOptions(),
            Aoi,
            Window);
        Assert.Equal(["last-day"], ranking.Ranked.Select(c => c.Id));
        Assert.Equal(1, ranking.Ranked[0].CloudCover);
        Assert.Equal("datetime 2024-05-31T00:00:00Z outside window 2024-06-01..2024-06-30", DecisionOf(ranking, "early").Reason);
        Assert.StartsWith("datetime 2024-07-01", DecisionOf(ranking, "late").Reason);
        Assert.Contains(ranking.Decisions, d => d.Id == "last-day" && d.Reason.StartsWith("duplicate"));
    }

    [Fact]
    public void All_reasons_are_listed()
    {
        var ranking = S2CandidateRanker.Rank(
            [Scene("bad", 50, bbox: [0, 0, 1, 1]) with { HasAllAssets = false, MissingAssets = ["SCL"] }],
            new SelectionOptions(),
            Aoi,
            Window);
        var reason = Assert.Single(ranking.Decisions).Reason;
        Assert.StartsWith("cloud_cover 50 > max 30; missing assets SCL; does not cover AOI", reason);
    }

    [Fact]
    public void Works_with_a_planned_grid()
    {
        var grid = AoiGridPlanner.Plan(new LocationRow("paris", 2, 48.8566, 2.3522), 2, 2);
        var ranking = S2CandidateRanker.Rank([Scene("t31uDQ", 3), Scene("far", 3, bbox: [10, 40, 11, 41])], new SelectionOptions(), grid, Window);
        Assert.Equal(["t31uDQ"], ranking.Ranked.Select(c => c.Id));
    }

    [Fact]
    public void Antimeridian_scene_covers_an_antimeridian_aoi()
    {
        var grid = AoiGridPlanner.Plan(new LocationRow("fiji", 2, -16.8, 179.99), 2, 2);
        var ranking = S2CandidateRanker.Rank(
            [Scene("wrap", 3, bbox: [179.5, -17.5, -179.5, -16.0]), Scene("west-half", 3, bbox: [179.0, -17.5, 180.0, -16.0])],
            new SelectionOptions(),
            grid,
            Window);
        Assert.Equal(["wrap"], ranking.Ranked.Select(c => c.Id));
    }
}
