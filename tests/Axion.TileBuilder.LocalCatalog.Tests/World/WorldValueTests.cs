using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

[Collection(WorldCollection.Name)]
public sealed class WorldValueTests(WorldFixture fixture)
{
    private SyntheticWorld World => fixture.World;

    private SyntheticScene Scene(WorldLocation location, ScenePlanRole role) =>
        World.Scenes.Single(s => s.LocationId == location.Id && s.PlanRole == role);

    public static TheoryData<int> LocationIndexes => new() { 0, 1 };

    [Theory]
    [MemberData(nameof(LocationIndexes))]
    public void S2_bands_and_scl_hold_the_ground_truth_around_the_cloud_of_scene_c(int index)
    {
        var location = fixture.Spec.Locations[index];
        var scene = Scene(location, ScenePlanRole.AoiPartlyCloudy);
        var blob = scene.Clouds!.Blobs.First(b => b.Kind == CloudKind.Opaque);
        var px = fixture.Spec.ScenePx;
        var (col, row) = WorldWindows.Around(WorldWindows.PixelOfLocalPoint(scene, location, blob.EastM - 200, blob.NorthM, 10), 256, px);
        CheckS2Window(scene, col - (col % 2), row - (row % 2), 256, expectClouds: true);
    }

    [Theory]
    [MemberData(nameof(LocationIndexes))]
    public void S2_nodata_wedge_and_overcast_scene_hold_the_ground_truth(int index)
    {
        var location = fixture.Spec.Locations[index];
        var c = Scene(location, ScenePlanRole.AoiPartlyCloudy);
        var (col, row) = WorldWindows.WedgeCorner(c, 128, fixture.Spec.ScenePx);
        CheckS2Window(c, col, row, 128, expectClouds: false);
        var a = Scene(location, ScenePlanRole.AoiOvercast);
        var (ac, ar) = WorldWindows.Around(WorldWindows.PixelOfLocalPoint(a, location, 0, 0, 10), 128, fixture.Spec.ScenePx);
        CheckS2Window(a, ac - (ac % 2), ar - (ar % 2), 128, expectClouds: true);
    }

    [Theory]
    [MemberData(nameof(LocationIndexes))]
    public void S1_files_hold_linear_power_of_the_ground_truth(int index)
    {
        var location = fixture.Spec.Locations[index];
        var scenes = World.Scenes.Where(s => s.LocationId == location.Id && s.Kind == SceneKind.Sentinel1Rtc).ToList();
        var px = fixture.Spec.ScenePx;
        foreach (var (scene, pol) in new[] { (scenes[0], S1Polarization.VV), (scenes[^1], S1Polarization.VH) })
        {
            var asset = scene.Assets.Single(a => a.Key == (pol == S1Polarization.VV ? "vv" : "vh"));
            foreach (var (col, row, size, wedge) in new[]
            {
                (WorldWindows.Around(WorldWindows.PixelOfLocalPoint(scene, location, 0, 0, 10), 200, px), 200, false),
                (WorldWindows.WedgeCorner(scene, 128, px), 128, true),
            }.Select(w => (w.Item1.Col, w.Item1.Row, w.Item2, w.Item3)))
            {
                var values = WorldWindows.Read<float>(World, asset, col, row, size, size);
                var nodata = 0;
                for (var r = 0; r < size; r++)
                {
                    for (var c = 0; c < size; c++)
                    {
                        var expected = SceneTruth.S1Linear(scene, pol, col + c, row + r);
                        var actual = values[(r * size) + c];
                        if (expected == -32768)
                        {
                            Assert.Equal(-32768f, actual);
                            nodata++;
                            continue;
                        }

                        Assert.True(Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected), $"{asset.RelativePath} ({col + c}, {row + r}): {actual} != {expected}");
                    }
                }

                Assert.Equal(wedge, nodata > 0);
            }
        }
    }

    private void CheckS2Window(SyntheticScene scene, int col, int row, int size, bool expectClouds)
    {
        var half = size / 2;
        var sclAsset = scene.Assets.Single(a => a.Key == "SCL");
        var scl = WorldWindows.Read<byte>(World, sclAsset, col / 2, row / 2, half, half);
        var counts = new int[12];
        for (var r = 0; r < half; r++)
        {
            for (var c = 0; c < half; c++)
            {
                var expected = SceneTruth.Scl(scene, (col / 2) + c, (row / 2) + r);
                Assert.Equal(expected, scl[(r * half) + c]);
                counts[expected]++;
            }
        }

        if (expectClouds)
        {
            Assert.True(counts[SclClass.CloudHigh] + counts[SclClass.CloudMedium] > 0, $"no cloud in the window of {scene.Id}");
        }
        else
        {
            Assert.True(counts[SclClass.NoData] > 0, $"no nodata in the wedge window of {scene.Id}");
        }

        var offset = GroundTruth.HasBoaOffset(scene.ProcessingBaseline!) ? 1000 : 0;
        foreach (var band in S2Bands.TenMetre)
        {
            var flavours = new List<(SceneAssetFile Asset, bool OffsetApplied)> { (scene.Assets.Single(a => a.Key == band.ToString()), false) };
            if (scene.OffsetAppliedAssets is { } boa)
            {
                flavours.Add((boa.Single(a => a.Key == band.ToString()), true));
            }

            foreach (var (asset, offsetApplied) in flavours)
            {
                var dn = WorldWindows.Read<ushort>(World, asset, col, row, size, size);
                for (var r = 0; r < size; r++)
                {
                    for (var c = 0; c < size; c++)
                    {
                        var actual = dn[(r * size) + c];
                        Assert.Equal(SceneTruth.S2Dn(scene, band, col + c, row + r, offsetApplied), actual);
                        var cls = scl[((r / 2) * half) + (c / 2)];
                        var reflectance = (actual - (offsetApplied ? 0 : offset)) / 10000.0;
                        if (cls is SclClass.CloudHigh or SclClass.CloudMedium)
                        {
                            Assert.InRange(reflectance, 0.44, 0.8);
                        }
                    }
                }
            }
        }
    }
}
