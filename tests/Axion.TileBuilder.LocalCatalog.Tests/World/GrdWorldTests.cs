using System.Text.Json.Nodes;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.Tests.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>
/// A small world with <see cref="WorldSpec.IncludeS1Grd"/>: the GRD files look like the real ones (uint16, nodata 0, no
/// geotransform or CRS, GCPs in EPSG:4326) and hold the documented DN of the ground truth; the Planetary Computer
/// <c>sentinel-1-grd</c> items carry the keys of the real item and none of its missing fields; the option leaves
/// the fingerprint of existing specs alone.
/// </summary>
public sealed class GrdWorldTests(GrdWorldFixture fixture) : IClassFixture<GrdWorldFixture>
{
    private static readonly WorldSpec Spec = GrdWorldFixture.Spec;
    private readonly SyntheticWorld _world = fixture.World;

    [Fact]
    public void The_option_is_left_out_of_the_fingerprint_when_off()
    {
        var off = Spec with { IncludeS1Grd = false };
        Assert.DoesNotContain("IncludeS1Grd", WorldFingerprint.CanonicalJson(off), StringComparison.Ordinal);
        Assert.Contains("IncludeS1Grd", WorldFingerprint.CanonicalJson(Spec), StringComparison.Ordinal);
        Assert.NotEqual(WorldFingerprint.Compute(off), WorldFingerprint.Compute(Spec));
    }

    [Fact]
    public void Every_s1_acquisition_has_a_grd_product_with_the_rtc_items_grd_id()
    {
        var rtc = _world.Scenes.Where(s => s.Kind == SceneKind.Sentinel1Rtc).ToList();
        var grd = _world.Scenes.Where(s => s.Kind == SceneKind.Sentinel1Grd).ToList();
        Assert.Equal(8, rtc.Count);
        Assert.Equal(rtc.Select(s => s.Id[..^"_rtc".Length]).Order(StringComparer.Ordinal), grd.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(grd, s => Assert.NotNull(s.Grd));
        Assert.All(rtc, s => Assert.Null(s.Grd));
    }

    [Fact]
    public void Grd_files_have_only_gcps_and_hold_the_documented_dn()
    {
        var scene = _world.Scenes.First(s => s.Kind == SceneKind.Sentinel1Grd);
        var geometry = scene.Grd!;
        using var dataset = GdalDataset.Open(Path.Combine(_world.Directory, scene.Assets.Single(a => a.Key == "vh").RelativePath));
        Assert.False(dataset.HasGeoTransform);
        Assert.True(string.IsNullOrEmpty(dataset.ProjectionWkt));
        Assert.Equal(441, dataset.GcpCount);
        using (var srs = SpatialReference.FromWkt(dataset.GcpProjectionWkt))
        {
            Assert.Equal(4326, srs.Epsg);
        }

        var gcps = dataset.GetGcps();
        var (lon, lat) = geometry.ToLonLat(gcps[25].Pixel, gcps[25].Line);
        Assert.Equal(lon, gcps[25].X, 9);
        Assert.Equal(lat, gcps[25].Y, 9);

        var band = dataset.GetBand(1);
        Assert.Equal(GdalDataType.UInt16, band.DataType);
        Assert.Equal(0, band.NoDataValue);
        var row = new ushort[geometry.Width];
        foreach (var r in new[] { 0, 377, geometry.Height - 1 })
        {
            band.Read<ushort>(0, r, geometry.Width, 1, row);
            for (var c = 0; c < geometry.Width; c++)
            {
                var expected = GrdSceneTruth.Dn(scene, S1Polarization.VH, c, r);
                Assert.Equal(expected, row[c]);
                Assert.Equal(geometry.IsValidColumn(c), row[c] > 0);
            }
        }

        // DN = round(1000 * sqrt(linear)): the documented sigma0 = (DN / 1000)^2 gives back the ground truth in dB.
        var (cLon, cLat) = geometry.ToLonLat(300.5, 200.5);
        var dn = GrdSceneTruth.DnAt(S1Polarization.VV, cLon, cLat);
        Assert.Equal(GroundTruth.S1Backscatter(S1Polarization.VV, cLon, cLat), 20 * Math.Log10(dn / 1000.0), 1);
    }

    [Fact]
    public async Task Pc_grd_items_carry_every_key_of_the_real_item_and_no_proj_fields()
    {
        var sample = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "planetary-computer-sentinel-1-grd-item.json")))!;
        await using var server = await LocalCatalogServer.StartAsync(_world, new LocalCatalogOptions());
        using var client = Harness.Client();
        var pages = await Harness.AllPagesAsync(client, $"{server.PlanetaryComputerStacRoot}/collections/sentinel-1-grd/items?limit=100", null);
        var items = pages.SelectMany(Harness.Features).ToList();
        Assert.Equal(8, items.Count);
        foreach (var item in items)
        {
            var missing = sample.Select(p => p.Key).Where(k => !item.ContainsKey(k)).ToList();
            Assert.Empty(missing);
            var properties = (JsonObject)item["properties"]!;
            Assert.DoesNotContain(((JsonObject)sample["properties"]!).Select(p => p.Key), k => !properties.ContainsKey(k));
            Assert.DoesNotContain(properties, p => p.Key.StartsWith("proj:", StringComparison.Ordinal));
            Assert.Equal("GRD", (string)properties["sar:product_type"]!);
            Assert.Equal(["VV", "VH"], ((JsonArray)properties["sar:polarizations"]!).Select(p => (string)p!));
            var assets = (JsonObject)item["assets"]!;
            Assert.DoesNotContain(((JsonObject)sample["assets"]!).Select(p => p.Key), k => !assets.ContainsKey(k));
            foreach (var key in new[] { "vv", "vh" })
            {
                var asset = (JsonObject)assets[key]!;
                Assert.Equal((string)sample["assets"]![key]!["type"]!, (string)asset["type"]!);
                Assert.Equal(["data"], ((JsonArray)asset["roles"]!).Select(r => (string)r!));
                Assert.False(asset.ContainsKey("raster:bands"));
                Assert.StartsWith(server.BaseUri + "blob/s1-grd/GRD/", (string)asset["href"]!, StringComparison.Ordinal);
                Assert.EndsWith($"/measurement/iw-{key}.tiff", (string)asset["href"]!, StringComparison.Ordinal);
            }

            Assert.Equal(
                ((JsonArray)sample["stac_extensions"]!).Select(e => (string)e!),
                ((JsonArray)item["stac_extensions"]!).Select(e => (string)e!));
        }
    }
}
