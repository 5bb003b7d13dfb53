using System.Security.Cryptography;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>
/// A world with <see cref="WorldSpec.IncludeAllBands"/>: the 20 m and 60 m bands of every Sentinel-2 scene have the real
/// block layouts and hold the ground truth at every pixel, in both flavours; the files every world has are unchanged.
/// </summary>
public sealed class AllBandsWorldTests(AllBandsWorldFixture fixture) : IClassFixture<AllBandsWorldFixture>
{
    [Fact]
    public void Every_coarse_band_file_has_its_real_pixel_size_and_block_layout()
    {
        foreach (var scene in fixture.World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A))
        {
            foreach (var band in S2Bands.Coarse)
            {
                foreach (var asset in Flavours(scene, band).Select(f => f.Asset))
                {
                    using var ds = GdalDataset.Open(Path.Combine(fixture.World.Directory, asset.RelativePath));
                    var resolution = S2Bands.ResolutionM(band);
                    var size = 600 * 10 / resolution;
                    Assert.Equal((size, size), (ds.Width, ds.Height));
                    Assert.Equal((asset.Width, asset.Height, asset.ResolutionM), (size, size, resolution));
                    Assert.Equal(new GeoTransform(scene.OriginX, resolution, 0, scene.OriginY, 0, -resolution), ds.GeoTransform);
                    Assert.Equal(resolution == 20 ? (512, 512) : (256, 256), ds.GetBand(1).BlockSize);
                    Assert.Equal(0, ds.GetBand(1).NoDataValue);
                }
            }
        }
    }

    [Fact]
    public void Every_pixel_of_every_coarse_band_is_the_ground_truth_at_its_centre_in_both_flavours()
    {
        var scene = fixture.World.Scenes.Single(s => s.Kind == SceneKind.Sentinel2L2A && s.PlanRole == ScenePlanRole.AoiPartlyCloudy);
        Assert.NotNull(scene.OffsetAppliedAssets);
        int bright = 0, nodata = 0;
        foreach (var band in S2Bands.Coarse)
        {
            foreach (var (asset, offsetApplied) in Flavours(scene, band))
            {
                using var ds = GdalDataset.Open(Path.Combine(fixture.World.Directory, asset.RelativePath));
                var values = new ushort[asset.Width * asset.Height];
                ds.GetBand(1).Read<ushort>(0, 0, asset.Width, asset.Height, values);
                for (var r = 0; r < asset.Height; r++)
                {
                    for (var c = 0; c < asset.Width; c++)
                    {
                        var expected = SceneTruth.S2Dn(scene, band, c, r, offsetApplied);
                        Assert.True(expected == values[(r * asset.Width) + c], $"{asset.RelativePath} ({c}, {r}): {values[(r * asset.Width) + c]} != {expected}");
                        nodata += expected == 0 ? 1 : 0;
                        bright += expected - (offsetApplied ? 0 : GroundTruth.BoaOffsetDn) >= 4400 ? 1 : 0; // reflectance >= 0.44: under a cloud
                    }
                }
            }
        }

        Assert.True(nodata > 0, "no pixel of the nodata wedge was compared");
        Assert.True(bright > 0, "no pixel under the scene's cloud was compared");
    }

    [Fact]
    public void The_files_every_world_has_are_the_same_bytes_with_or_without_the_coarse_bands()
    {
        var tenMetre = fixture.TenMetreOnly.Scenes.SelectMany(s => s.Assets.Concat(s.OffsetAppliedAssets ?? [])).ToList();
        var all = fixture.World.Scenes.SelectMany(s => s.Assets.Concat(s.OffsetAppliedAssets ?? [])).Select(a => a.RelativePath).ToHashSet(StringComparer.Ordinal);
        Assert.NotEqual(fixture.World.Fingerprint, fixture.TenMetreOnly.Fingerprint);
        Assert.Equal(tenMetre.Count + (4 * 2 * S2Bands.Coarse.Count), all.Count);
        foreach (var asset in tenMetre)
        {
            Assert.Contains(asset.RelativePath, all);
            Assert.Equal(Sha256(fixture.TenMetreOnly, asset.RelativePath), Sha256(fixture.World, asset.RelativePath));
        }
    }

    private static IEnumerable<(SceneAssetFile Asset, bool OffsetApplied)> Flavours(SyntheticScene scene, S2Band band)
    {
        yield return (scene.Assets.Single(a => a.Key == band.ToString()), false);
        if (scene.OffsetAppliedAssets is { } boa)
        {
            yield return (boa.Single(a => a.Key == band.ToString()), true);
        }
    }

    private static string Sha256(SyntheticWorld world, string relativePath) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(world.Directory, relativePath))));
}
