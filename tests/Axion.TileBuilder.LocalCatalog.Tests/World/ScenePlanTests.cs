using System.Text.RegularExpressions;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

[Collection(WorldCollection.Name)]
public sealed partial class ScenePlanTests(WorldFixture fixture)
{
    private SyntheticWorld World => fixture.World;

    [GeneratedRegex(@"^S2[AB]_MSIL2A_\d{8}T\d{6}_R\d{3}_T\d{2}[C-X][A-Z]{2}_\d{8}T\d{6}$")]
    private static partial Regex S2Id();

    [GeneratedRegex(@"^S1[AB]_IW_GRDH_1SDV_(\d{8})T\d{6}_\d{8}T\d{6}_\d{6}_[0-9A-F]{6}_rtc$")]
    private static partial Regex S1Id();

    [Fact]
    public void Each_location_has_scenes_a_to_d_with_the_intended_cloud_plan()
    {
        foreach (var location in fixture.Spec.Locations)
        {
            var s2 = World.Scenes.Where(s => s.LocationId == location.Id && s.Kind == SceneKind.Sentinel2L2A).ToList();
            Assert.Equal(Enum.GetValues<ScenePlanRole>().Order(), s2.Select(s => s.PlanRole!.Value).Order());
            SyntheticScene Role(ScenePlanRole role) => s2.Single(s => s.PlanRole == role);

            var a = Role(ScenePlanRole.AoiOvercast);
            var b = Role(ScenePlanRole.SceneCloudy);
            var c = Role(ScenePlanRole.AoiPartlyCloudy);
            var d = Role(ScenePlanRole.AoiClear);
            Assert.InRange(a.CloudCover, 6, 9);
            Assert.InRange(b.CloudCover, 55, 70);
            Assert.InRange(c.CloudCover, 12, 18);
            Assert.InRange(d.CloudCover, 20, 25);

            // A: the whole AOI is under cloud, so the SCL check must reject it.
            Assert.Equal(1.0, WorldWindows.Cloudy(WorldWindows.AoiScl(World, fixture.Spec, a, location).Counts));
            // B: partly cloudy over the AOI too (but the scene filter rejects it first).
            Assert.InRange(WorldWindows.Cloudy(WorldWindows.AoiScl(World, fixture.Spec, b, location).Counts), 0.03, 0.9);
            // C: mostly clear, with cloud, shadow and cirrus; some tiles below a 0.9 valid fraction, most fully valid.
            var (cCounts, cTiles) = WorldWindows.AoiScl(World, fixture.Spec, c, location);
            Assert.InRange(WorldWindows.Clear(cCounts), 0.93, 0.97);
            Assert.True(cCounts[3] > 0 && cCounts[8] > 0 && cCounts[9] > 0 && cCounts[10] > 0, string.Join(",", cCounts));
            Assert.Contains(cTiles, v => v < 0.9);
            Assert.True(cTiles.Count(v => v >= 0.999) >= cTiles.Length / 2, string.Join(" ", cTiles.Select(v => v.ToString("F2"))));
            Assert.True(cCounts[4] > 0 && cCounts[6] > 0, "the AOI shows vegetation and water");
            // D: fully clear over the AOI.
            Assert.Equal(1.0, WorldWindows.Clear(WorldWindows.AoiScl(World, fixture.Spec, d, location).Counts));

            // The pipeline's pick: the lowest eo:cloud_cover under 50 % that passes the SCL check is C.
            var byCover = s2.Where(s => s.CloudCover < 50).OrderBy(s => s.CloudCover).ToList();
            Assert.Equal([a.Id, c.Id, d.Id], byCover.Select(s => s.Id));
        }
    }

    [Fact]
    public void Baselines_are_mixed_across_locations_and_fit_their_dates()
    {
        var cutover = new DateTimeOffset(2022, 1, 25, 0, 0, 0, TimeSpan.Zero);
        foreach (var scene in World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A))
        {
            var modern = GroundTruth.HasBoaOffset(scene.ProcessingBaseline!);
            Assert.Equal(modern, scene.Datetime >= cutover);
            Assert.Equal(modern, scene.OffsetAppliedAssets is not null);
            if (!modern)
            {
                Assert.Equal("02.14", scene.ProcessingBaseline);
                Assert.InRange(scene.Datetime, new DateTimeOffset(2021, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 6, 30, 0, 0, 0, TimeSpan.Zero));
            }
        }

        var chosen = fixture.Spec.Locations
            .Select(l => World.Scenes.Single(s => s.LocationId == l.Id && s.PlanRole == ScenePlanRole.AoiPartlyCloudy))
            .Select(s => GroundTruth.HasBoaOffset(s.ProcessingBaseline!))
            .ToList();
        Assert.Equal([true, false], chosen);
    }

    [Fact]
    public void Sentinel1_acquisitions_bracket_every_sentinel2_date()
    {
        foreach (var location in fixture.Spec.Locations)
        {
            var s1 = World.Scenes.Where(s => s.LocationId == location.Id && s.Kind == SceneKind.Sentinel1Rtc).ToList();
            Assert.Equal(8, s1.Count);
            foreach (var s2 in World.Scenes.Where(s => s.LocationId == location.Id && s.Kind == SceneKind.Sentinel2L2A))
            {
                var date = DateOnly.FromDateTime(s2.Datetime.UtcDateTime);
                Assert.Single(s1, s => s.OrbitState == "ascending" && DateOnly.FromDateTime(s.Datetime.UtcDateTime) == date.AddDays(-2));
                Assert.Single(s1, s => s.OrbitState == "descending" && DateOnly.FromDateTime(s.Datetime.UtcDateTime) == date.AddDays(5));
            }

            Assert.All(s1, s =>
            {
                Assert.Matches(S1Id(), s.Id);
                Assert.Equal(s.Id[..3] == "S1A" ? "SENTINEL-1A" : "SENTINEL-1B", s.Platform);
                Assert.True(s.Datetime.Year < 2022 || s.Platform == "SENTINEL-1A", "Sentinel-1B had failed by 2022");
                Assert.InRange(s.RelativeOrbit, 1, 175);
                Assert.Null(s.ProcessingBaseline);
                Assert.Equal(0, s.CloudCover);
            });
        }
    }

    [Fact]
    public void Ids_look_real_and_are_unique_and_the_time_span_covers_everything()
    {
        Assert.Equal(World.Scenes.Count, World.Scenes.Select(s => s.Id).Distinct().Count());
        foreach (var scene in World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A))
        {
            Assert.Matches(S2Id(), scene.Id);
            Assert.Contains($"_T{scene.MgrsTile}_", scene.Id);
            Assert.StartsWith(scene.Epsg.ToString(System.Globalization.CultureInfo.InvariantCulture)[3..], scene.MgrsTile);
            Assert.Equal(scene.Id[..3] == "S2A" ? "Sentinel-2A" : "Sentinel-2B", scene.Platform);
            Assert.Contains(scene.Datetime.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture), scene.Id);
            Assert.All(scene.Assets.Concat(scene.OffsetAppliedAssets ?? []), a => Assert.StartsWith($"s2/{scene.Id}/", a.RelativePath));
            Assert.All(scene.OffsetAppliedAssets ?? [], a => Assert.StartsWith($"s2/{scene.Id}/boa/", a.RelativePath));
        }

        Assert.Equal(TimeSpan.Zero, World.TimeStart.TimeOfDay);
        Assert.Equal(TimeSpan.Zero, World.TimeEnd.TimeOfDay);
        Assert.All(World.Scenes, s => Assert.True(s.Datetime >= World.TimeStart && s.Datetime < World.TimeEnd));
        Assert.True(World.TimeEnd - World.TimeStart < TimeSpan.FromDays(400));
    }
}
