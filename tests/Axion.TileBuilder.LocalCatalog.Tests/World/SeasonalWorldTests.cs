using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>
/// The files of a <see cref="WorldLayout.Seasons"/> place: each quarter's overcast scene is cloudy and its clear scene clear
/// over the AOI, every band (10, 20 and 60 m, both flavours), SCL, Sentinel-1 RTC and GRD file holds the truth of its own
/// date (<see cref="SceneTruth"/>, <see cref="GrdSceneTruth"/>), and the pixels of different dates differ by the ratio of
/// their gains (Sentinel-2) and the difference of their offsets (Sentinel-1).
/// </summary>
public sealed class SeasonalWorldTests(SeasonalWorldFixture fixture) : IClassFixture<SeasonalWorldFixture>
{
    private static readonly WorldLocation Location = SeasonalWorldFixture.Spec.Locations[0];

    private SyntheticWorld World => fixture.World;

    private List<SyntheticScene> S2 => [.. World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).OrderBy(s => s.Datetime)];

    [Fact]
    public void Each_quarters_overcast_scene_is_cloudy_over_the_aoi_and_its_clear_scene_clear()
    {
        Assert.Equal(8, S2.Count);
        Assert.Equal(16, World.Scenes.Count(s => s.Kind == SceneKind.Sentinel1Rtc));
        Assert.Equal(16, World.Scenes.Count(s => s.Kind == SceneKind.Sentinel1Grd));
        foreach (var scene in S2)
        {
            var counts = WorldWindows.AoiScl(World, SeasonalWorldFixture.Spec, scene, Location).Counts;
            if (scene.PlanRole == ScenePlanRole.AoiOvercast)
            {
                Assert.Equal(1.0, WorldWindows.Cloudy(counts));
            }
            else
            {
                Assert.Equal(ScenePlanRole.AoiClear, scene.PlanRole);
                Assert.Equal(1.0, WorldWindows.Clear(counts));
            }
        }
    }

    [Fact]
    public void Every_band_of_every_sentinel2_scene_holds_the_truth_of_its_date_in_both_flavours()
    {
        int compared = 0, seasonal = 0, clearCompared = 0;
        foreach (var scene in S2)
        {
            Assert.NotNull(scene.OffsetAppliedAssets);
            var withoutGain = scene with { SeasonalGain = null };
            foreach (var band in S2Bands.TenMetre.Concat(S2Bands.Coarse))
            {
                var resolution = S2Bands.ResolutionM(band);
                foreach (var (asset, offsetApplied) in new[] { (scene.Assets, false), (scene.OffsetAppliedAssets!, true) }.Select(f => (f.Item1.Single(a => a.Key == band.ToString()), f.Item2)))
                {
                    var size = 960 / resolution;
                    var (col, row) = WorldWindows.Around(WorldWindows.PixelOfLocalPoint(scene, Location, 0, 0, resolution), size, asset.Width);
                    var values = WorldWindows.Read<ushort>(World, asset, col, row, size, size);
                    for (var r = 0; r < size; r++)
                    {
                        for (var c = 0; c < size; c++)
                        {
                            var expected = SceneTruth.S2Dn(scene, band, col + c, row + r, offsetApplied);
                            Assert.True(expected == values[(r * size) + c], $"{asset.RelativePath} ({col + c}, {row + r}): {values[(r * size) + c]} != {expected}");
                            compared++;
                            if (scene.PlanRole == ScenePlanRole.AoiClear)
                            {
                                clearCompared++;
                                seasonal += expected != SceneTruth.S2Dn(withoutGain, band, col + c, row + r, offsetApplied) ? 1 : 0;
                            }
                        }
                    }
                }
            }

            var scl = scene.Assets.Single(a => a.Key == "SCL");
            var (sclCol, sclRow) = WorldWindows.Around(WorldWindows.PixelOfLocalPoint(scene, Location, 0, 0, 20), 48, scl.Width);
            var classes = WorldWindows.Read<byte>(World, scl, sclCol, sclRow, 48, 48);
            for (var i = 0; i < classes.Length; i++)
            {
                Assert.Equal(SceneTruth.Scl(scene, sclCol + (i % 48), sclRow + (i / 48)), classes[i]);
            }
        }

        Assert.Equal(8 * 2 * ((4 * 96 * 96) + (6 * 48 * 48) + (2 * 16 * 16)), compared);
        Assert.True(seasonal > 0.95 * clearCompared, $"only {seasonal} of {clearCompared} clear pixels depend on the gain");
    }

    [Fact]
    public void Every_sentinel1_file_holds_the_truth_of_its_date()
    {
        int compared = 0, seasonal = 0;
        foreach (var scene in World.Scenes.Where(s => s.Kind == SceneKind.Sentinel1Rtc))
        {
            Assert.NotNull(scene.SeasonalS1OffsetDb);
            foreach (var polarization in new[] { S1Polarization.VV, S1Polarization.VH })
            {
                var asset = scene.Assets.Single(a => a.Key == (polarization == S1Polarization.VV ? "vv" : "vh"));
                var (col, row) = WorldWindows.Around(WorldWindows.PixelOfLocalPoint(scene, Location, 0, 0, 10), 64, asset.Width);
                var values = WorldWindows.Read<float>(World, asset, col, row, 64, 64);
                for (var i = 0; i < values.Length; i++)
                {
                    var expected = SceneTruth.S1Linear(scene, polarization, col + (i % 64), row + (i / 64));
                    Assert.Equal(expected, values[i]);
                    compared++;
                    seasonal += expected != SceneTruth.S1Linear(scene with { SeasonalS1OffsetDb = null }, polarization, col + (i % 64), row + (i / 64)) ? 1 : 0;
                }
            }
        }

        Assert.Equal(16 * 2 * 64 * 64, compared);
        Assert.True(seasonal > 0.95 * compared, $"only {seasonal} of {compared} pixels depend on the offset");
    }

    [Fact]
    public void Every_grd_file_holds_the_truth_of_its_date()
    {
        int compared = 0, seasonal = 0;
        foreach (var scene in World.Scenes.Where(s => s.Kind == SceneKind.Sentinel1Grd))
        {
            Assert.NotNull(scene.SeasonalS1OffsetDb);
            foreach (var polarization in new[] { S1Polarization.VV, S1Polarization.VH })
            {
                var asset = scene.Assets.Single(a => a.Key == (polarization == S1Polarization.VV ? "vv" : "vh"));
                var (col, row) = ((asset.Width / 2) - 32, (asset.Height / 2) - 32);
                var values = WorldWindows.Read<ushort>(World, asset, col, row, 64, 64);
                for (var i = 0; i < values.Length; i++)
                {
                    var expected = GrdSceneTruth.Dn(scene, polarization, col + (i % 64), row + (i / 64));
                    Assert.Equal(expected, values[i]);
                    compared++;
                    seasonal += expected != GrdSceneTruth.Dn(scene with { SeasonalS1OffsetDb = null }, polarization, col + (i % 64), row + (i / 64)) ? 1 : 0;
                }
            }
        }

        Assert.Equal(16 * 2 * 64 * 64, compared);
        Assert.True(seasonal > 0.95 * compared, $"only {seasonal} of {compared} pixels depend on the offset");
    }

    [Fact]
    public void The_clear_scenes_of_the_four_quarters_scale_by_the_ratio_of_their_gains()
    {
        var clear = S2.Where(s => s.PlanRole == ScenePlanRole.AoiClear).ToList();
        Assert.Equal(4, clear.Count);
        var first = Reflectance(clear[0], S2Band.B08);
        var firstGain = GroundTruth.SeasonalGain(DateOnly.FromDateTime(clear[0].Datetime.UtcDateTime));
        var previousMean = first.Average();
        for (var q = 1; q < 4; q++)
        {
            var ratio = GroundTruth.SeasonalGain(DateOnly.FromDateTime(clear[q].Datetime.UtcDateTime)) / firstGain;
            var values = Reflectance(clear[q], S2Band.B08);
            var unclamped = Enumerable.Range(0, values.Length).Where(i => values[i] < GroundTruth.MaxReflectance && first[i] > GroundTruth.MinReflectance).ToList();
            Assert.True(unclamped.Count > 0.99 * values.Length, $"quarter {q}: {values.Length - unclamped.Count} pixels clamped");
            // Both values are rounded to 1e-4: the later one is the first times the ratio within their rounding.
            Assert.All(unclamped, i => Assert.InRange(values[i] - (first[i] * ratio), -0.5e-4 * (1 + ratio) - 1e-12, (0.5e-4 * (1 + ratio)) + 1e-12));
            Assert.True(values.Average() > 1.1 * previousMean, $"quarter {q}: mean {values.Average()} vs {previousMean}");
            previousMean = values.Average();
        }
    }

    [Fact]
    public void The_backscatter_of_acquisitions_of_different_quarters_differs_by_their_offsets()
    {
        var ascending = World.Scenes.Where(s => s.Kind == SceneKind.Sentinel1Rtc && s.OrbitState == "ascending").OrderBy(s => s.Datetime).ToList();
        Assert.Equal(8, ascending.Count);
        var first = Decibels(ascending[0]);
        var firstOffset = GroundTruth.SeasonalS1OffsetDb(DateOnly.FromDateTime(ascending[0].Datetime.UtcDateTime));
        foreach (var scene in ascending.Skip(1))
        {
            var shift = GroundTruth.SeasonalS1OffsetDb(DateOnly.FromDateTime(scene.Datetime.UtcDateTime)) - firstOffset;
            Assert.True(shift > 0.08, $"{scene.Id}: offset {shift} dB above the first");
            var values = Decibels(scene);
            // VV is clamped to -30..-3 dB: the few pixels at a bound keep it, every other one is shifted by exactly the offset difference.
            var shifted = Enumerable.Range(0, values.Length).Count(i => Math.Abs(values[i] - first[i] - shift) < 1e-4);
            Assert.True(shifted > 0.99 * values.Length, $"{scene.Id}: {shifted} of {values.Length} pixels shifted by {shift} dB");
        }
    }

    /// <summary>Reflectance ((DN - 1000) / 10 000) of a 96 x 96 window at the AOI centre.</summary>
    private double[] Reflectance(SyntheticScene scene, S2Band band)
    {
        var asset = scene.Assets.Single(a => a.Key == band.ToString());
        var (col, row) = WorldWindows.Around(WorldWindows.PixelOfLocalPoint(scene, Location, 0, 0, 10), 96, asset.Width);
        return [.. WorldWindows.Read<ushort>(World, asset, col, row, 96, 96).Select(dn => (dn - GroundTruth.BoaOffsetDn) / 10000.0)];
    }

    /// <summary>VV in dB of a 96 x 96 window at the AOI centre.</summary>
    private double[] Decibels(SyntheticScene scene)
    {
        var asset = scene.Assets.Single(a => a.Key == "vv");
        var (col, row) = WorldWindows.Around(WorldWindows.PixelOfLocalPoint(scene, Location, 0, 0, 10), 96, asset.Width);
        return [.. WorldWindows.Read<float>(World, asset, col, row, 96, 96).Select(v => 10 * Math.Log10(v))];
    }
}
