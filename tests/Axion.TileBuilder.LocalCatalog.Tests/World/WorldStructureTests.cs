using System.Globalization;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

[Collection(WorldCollection.Name)]
public sealed class WorldStructureTests(WorldFixture fixture)
{
    private SyntheticWorld World => fixture.World;

    private static IEnumerable<SceneAssetFile> AllAssets(SyntheticScene scene) => scene.Assets.Concat(scene.OffsetAppliedAssets ?? []);

    [Fact]
    public void Every_file_is_a_cog_with_the_planned_layout()
    {
        var checkedFiles = 0;
        foreach (var scene in World.Scenes)
        {
            foreach (var asset in AllAssets(scene))
            {
                var path = Path.Combine(World.Directory, asset.RelativePath);
                Assert.EndsWith(".tif", asset.RelativePath);
                Assert.Equal(new FileInfo(path).Length, asset.FileSize);
                using var ds = GdalDataset.Open(path);
                var band = ds.GetBand(1);
                Assert.Equal((asset.Width, asset.Height), (ds.Width, ds.Height));
                Assert.Equal(1, ds.BandCount);
                Assert.Equal(asset.DataType, band.DataType.ToString());
                Assert.Equal(asset.NoData, band.NoDataValue);
                Assert.Equal("COG", ds.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE"));
                Assert.Equal("DEFLATE", ds.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"));
                Assert.True(band.OverviewCount > 0, $"{asset.RelativePath} has no overviews");
                var gt = ds.GeoTransform;
                Assert.Equal(new GeoTransform(scene.OriginX, asset.ResolutionM, 0, scene.OriginY, 0, -asset.ResolutionM), gt);
                Assert.Equal(scene.Epsg, ds.Epsg);
                Assert.Equal(scene.Width10m * 10.0, asset.Width * asset.ResolutionM);

                if (scene.Kind == SceneKind.Sentinel2L2A)
                {
                    Assert.Equal(0, scene.OriginX % 60);
                    Assert.Equal(0, scene.OriginY % 60);
                    Assert.Equal(0, asset.NoData);
                    if (asset.Key == "SCL")
                    {
                        Assert.Equal((GdalDataType.Byte, 20.0, 512), (band.DataType, asset.ResolutionM, band.BlockSize.Width));
                        Assert.Equal(fixture.Spec.ScenePx / 2, asset.Width);
                    }
                    else
                    {
                        Assert.Equal((GdalDataType.UInt16, 10.0, 1024, 1024), (band.DataType, asset.ResolutionM, band.BlockSize.Width, band.BlockSize.Height));
                        Assert.Equal("2", ds.GetMetadataItem("PREDICTOR", "IMAGE_STRUCTURE") ?? band.GetMetadataItem("PREDICTOR", "IMAGE_STRUCTURE"));
                        Assert.Equal(fixture.Spec.ScenePx, asset.Width);
                    }
                }
                else
                {
                    Assert.Equal(0, scene.OriginX % 10);
                    Assert.Equal(0, scene.OriginY % 10);
                    Assert.Equal((GdalDataType.Float32, 10.0, 512), (band.DataType, asset.ResolutionM, band.BlockSize.Width));
                    Assert.Equal(-32768, band.NoDataValue);
                }

                checkedFiles++;
            }
        }

        // 2 locations x (4 S2 scenes x 5 files + 8 S1 scenes x 2 files) + the Earth Search bands of the 2022 location.
        Assert.Equal((2 * ((4 * 5) + (8 * 2))) + (4 * 4), checkedFiles);
    }

    [Fact]
    public void Scenes_are_in_the_utm_zone_of_their_location_in_both_hemispheres()
    {
        foreach (var location in fixture.Spec.Locations)
        {
            var scenes = World.Scenes.Where(s => s.LocationId == location.Id).ToList();
            Assert.Equal(12, scenes.Count);
            var zone = Utm.ZoneFor(location.Latitude, location.Longitude);
            var expected = Utm.EpsgFor(zone, location.Latitude >= 0);
            Assert.All(scenes, s => Assert.Equal(expected, s.Epsg));
            Assert.StartsWith(location.Latitude >= 0 ? "326" : "327", expected.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void S1_and_s2_grids_share_the_10m_lattice_but_not_the_extent()
    {
        foreach (var location in fixture.Spec.Locations)
        {
            var s2 = World.Scenes.First(s => s.LocationId == location.Id && s.Kind == SceneKind.Sentinel2L2A);
            var s1 = World.Scenes.First(s => s.LocationId == location.Id && s.Kind == SceneKind.Sentinel1Rtc);
            Assert.NotEqual((s2.OriginX, s2.OriginY), (s1.OriginX, s1.OriginY));
            Assert.Equal(0, (s2.OriginX - s1.OriginX) % 10);
            Assert.Equal(0, (s2.OriginY - s1.OriginY) % 10);
        }
    }

    [Fact]
    public void Every_scene_covers_the_aoi_with_valid_data_and_has_a_nodata_corner()
    {
        foreach (var location in fixture.Spec.Locations)
        {
            var aoi = LocationAoi.For(location, fixture.Spec);
            foreach (var scene in World.Scenes.Where(s => s.LocationId == location.Id))
            {
                // The AOI grown by 1 km on every side (room for a pipeline snapping its tile grid) is valid on its edges.
                var grow = 1000;
                for (var t = 0.0; t <= 1.0; t += 1.0 / 64)
                {
                    foreach (var (e, n) in new[]
                    {
                        (aoi.MinEasting - grow + (t * (aoi.SizeM + (2 * grow))), aoi.MinNorthing - grow),
                        (aoi.MinEasting - grow + (t * (aoi.SizeM + (2 * grow))), aoi.MaxNorthing + grow),
                        (aoi.MinEasting - grow, aoi.MinNorthing - grow + (t * (aoi.SizeM + (2 * grow)))),
                        (aoi.MaxEasting + grow, aoi.MinNorthing - grow + (t * (aoi.SizeM + (2 * grow)))),
                    })
                    {
                        Assert.True(SceneFootprint.IsValid(scene, e, n), $"{scene.Id} does not cover ({e}, {n})");
                    }
                }

                Assert.NotNull(scene.NoDataWedge);
                Assert.Equal(6, scene.FootprintLonLat.Count); // the rectangle with one corner cut (5 vertices), closed
                Assert.Equal(scene.FootprintLonLat[0], scene.FootprintLonLat[^1]);
                var (lon, lat) = Utm.Inverse(aoi.CenterEasting, aoi.CenterNorthing, Utm.ZoneFor(location.Latitude, location.Longitude), location.Latitude >= 0);
                Assert.InRange(lon, scene.BboxLonLat[0], scene.BboxLonLat[2]);
                Assert.InRange(lat, scene.BboxLonLat[1], scene.BboxLonLat[3]);

                // The location is off-centre: at least 500 m from the scene centre on both axes.
                var cx = scene.OriginX + (scene.Width10m * 5.0);
                var cy = scene.OriginY - (scene.Height10m * 5.0);
                Assert.True(Math.Abs(aoi.CenterEasting - cx) > 500 && Math.Abs(aoi.CenterNorthing - cy) > 300, $"{scene.Id} is centred on the location");
            }
        }
    }
}
