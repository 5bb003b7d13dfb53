using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>The StraddleTiles and ZoneEdge layouts, checked on the plan (no pixels).</summary>
public sealed class LayoutPlanTests
{
    private static readonly WorldSpec Spec = new(
        [new("normal", 48.3, 8.15), new("straddle", 48.1372, 11.5755, WorldLayout.StraddleTiles), new("edge", 45.3, 5.96, WorldLayout.ZoneEdge)],
        ScenePx: 768,
        AoiSizeM: 5120);

    [Fact]
    public void Straddling_items_of_a_date_share_the_pass_and_cover_the_aoi_only_together()
    {
        var plan = ScenePlanner.Plan(Spec).Single(p => p.Location.Id == "straddle");
        var aoi = plan.Aoi;
        Assert.Equal(2, plan.S2RenderGroups.Count);
        foreach (var date in plan.S2Scenes.GroupBy(s => s.Datetime))
        {
            var pair = date.ToList();
            Assert.Equal(2, pair.Count);
            Assert.Equal(pair[0].RelativeOrbit, pair[1].RelativeOrbit);
            Assert.Equal(pair[0].PlanRole, pair[1].PlanRole);
            Assert.NotEqual(pair[0].MgrsTile, pair[1].MgrsTile);
            // One item with the -1000 DN offset (baseline 04.00 and later), one without: a mosaic mixes radiometric rules.
            Assert.NotEqual(GroundTruth.HasBoaOffset(pair[0].ProcessingBaseline!), GroundTruth.HasBoaOffset(pair[1].ProcessingBaseline!));
            AssertSplit(pair, aoi);
        }

        Assert.Equal(16, plan.S1Scenes.Count);
        foreach (var pass in plan.S1Scenes.GroupBy(s => (s.RelativeOrbit, s.OrbitState, s.Datetime.Date)))
        {
            var frames = pass.ToList();
            Assert.Equal(2, frames.Count);
            Assert.InRange((frames[0].Datetime - frames[1].Datetime).Duration().TotalSeconds, 20, 30);
            AssertSplit(frames, aoi);
        }
    }

    [Fact]
    public void Zone_edge_straddling_items_are_gridded_in_the_neighbouring_zone_and_cover_the_aoi_only_together()
    {
        var spec = Spec with { Locations = [new("edge-straddle", 44.9, 5.955, WorldLayout.ZoneEdgeStraddle)] };
        var plan = ScenePlanner.Plan(spec).Single();
        Assert.Equal(32631, plan.Aoi.Epsg);
        Assert.All(plan.S2Scenes.Concat(plan.S1Scenes), s => Assert.Equal(32632, s.Epsg));
        foreach (var date in plan.S2Scenes.GroupBy(s => s.Datetime))
        {
            var pair = date.ToList();
            Assert.Equal(2, pair.Count);
            Assert.NotEqual(pair[0].MgrsTile, pair[1].MgrsTile);
            Assert.All(pair, s => Assert.StartsWith("32", s.MgrsTile, StringComparison.Ordinal));
            AssertSplit(pair, plan.Aoi);
        }

        Assert.Equal(16, plan.S1Scenes.Count);
        foreach (var pass in plan.S1Scenes.GroupBy(s => (s.RelativeOrbit, s.OrbitState, s.Datetime.Date)))
        {
            AssertSplit(pass.ToList(), plan.Aoi);
        }

        var far = spec with { Locations = [new("far", 45.3, 3.0, WorldLayout.ZoneEdgeStraddle)] };
        Assert.Contains("1 degree", Assert.Throws<InvalidWorldSpecException>(() => ScenePlanner.Plan(far)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zone_edge_scenes_are_gridded_in_the_neighbouring_zone_and_cover_the_aoi()
    {
        var plan = ScenePlanner.Plan(Spec).Single(p => p.Location.Id == "edge");
        Assert.Equal(32631, plan.Aoi.Epsg);
        Assert.All(plan.S2Scenes.Concat(plan.S1Scenes), s => Assert.Equal(32632, s.Epsg));
        foreach (var scene in plan.S2Scenes.Concat(plan.S1Scenes))
        {
            Assert.Equal(1.0, Coverage(scene, plan.Aoi));
        }
    }

    [Fact]
    public void Zone_edge_needs_a_place_near_a_zone_boundary()
    {
        var far = Spec with { Locations = [new("far", 45.3, 3.0, WorldLayout.ZoneEdge)] };
        Assert.Contains("1 degree", Assert.Throws<InvalidWorldSpecException>(() => ScenePlanner.Plan(far)).Message, StringComparison.Ordinal);
        Assert.Equal(32, ScenePlanner.ZoneEdgeZone(new WorldLocation("e", 45, 5.96, WorldLayout.ZoneEdge)));
        Assert.Equal(30, ScenePlanner.ZoneEdgeZone(new WorldLocation("w", 45, 0.03, WorldLayout.ZoneEdge)));
        Assert.Equal(1, ScenePlanner.ZoneEdgeZone(new WorldLocation("dateline", 10, 179.9, WorldLayout.ZoneEdge)));
    }

    [Fact]
    public void New_layouts_leave_the_normal_location_and_the_fingerprint_of_normal_specs_alone()
    {
        var alone = ScenePlanner.Plan(Spec with { Locations = [Spec.Locations[0]] }).Single();
        var mixed = ScenePlanner.Plan(Spec).Single(p => p.Location.Id == "normal");
        Assert.Equal(alone.S2Scenes.Select(s => s.Id), mixed.S2Scenes.Select(s => s.Id));
        Assert.Equal(alone.S2Grid, mixed.S2Grid);
        Assert.Contains("\"Layout\": \"Normal\"", WorldFingerprint.CanonicalJson(Spec with { Locations = [Spec.Locations[0]] }), StringComparison.Ordinal);
        Assert.DoesNotContain(WorldFingerprint.StraddleLayoutVersion, WorldFingerprint.CanonicalJson(Spec with { Locations = [Spec.Locations[0], Spec.Locations[2]] }), StringComparison.Ordinal);
        Assert.Contains(WorldFingerprint.StraddleLayoutVersion, WorldFingerprint.CanonicalJson(Spec), StringComparison.Ordinal);
    }

    /// <summary>Neither scene covers the AOI alone, both cover part of it, together all of it.</summary>
    private static void AssertSplit(IReadOnlyList<SyntheticScene> scenes, LocationAoi aoi)
    {
        var points = Points(aoi).ToList();
        foreach (var scene in scenes)
        {
            Assert.InRange(Coverage(scene, aoi), 0.3, 0.95);
        }

        Assert.All(points, p => Assert.Contains(scenes, s => Covers(s, aoi, p)));
    }

    /// <summary>True when <paramref name="scene"/> has data at AOI point <paramref name="p"/> (projected into the scene's zone).</summary>
    private static bool Covers(SyntheticScene scene, LocationAoi aoi, (double E, double N) p)
    {
        var (zone, north) = Utm.FromEpsg(scene.Epsg)!.Value;
        var (aoiZone, aoiNorth) = Utm.FromEpsg(aoi.Epsg)!.Value;
        var (lon, lat) = Utm.Inverse(p.E, p.N, aoiZone, aoiNorth);
        var (e, n) = Utm.Forward(lon, lat, zone, north);
        return SceneFootprint.IsValid(scene, e, n);
    }

    private static double Coverage(SyntheticScene scene, LocationAoi aoi)
    {
        var points = Points(aoi).ToList();
        return points.Count(p => Covers(scene, aoi, p)) / (double)points.Count;
    }

    private static IEnumerable<(double E, double N)> Points(LocationAoi aoi)
    {
        for (var r = 0; r <= 20; r++)
        {
            for (var c = 0; c <= 20; c++)
            {
                yield return (aoi.MinEasting + (aoi.SizeM * c / 20), aoi.MinNorthing + (aoi.SizeM * r / 20));
            }
        }
    }
}
