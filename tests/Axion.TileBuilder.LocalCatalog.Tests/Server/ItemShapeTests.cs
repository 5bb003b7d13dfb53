using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>Served items carry every property key of the real sample items, and the specified asset fields.</summary>
public sealed class ItemShapeTests(ItemShapeFixture fixture) : IClassFixture<ItemShapeFixture>
{
    private readonly FakeWorld _world = fixture.World;
    private readonly HttpClient _client = fixture.Client;
    private readonly LocalCatalogServer _server = fixture.Server;

    private static JsonObject Sample(string name) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)))!;

    private static void AssertHasAllKeys(JsonObject sample, JsonObject served, string what)
    {
        var missing = sample.Select(p => p.Key).Where(k => !served.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"{what} lacks keys of the real item: {string.Join(", ", missing)}");
    }

    private async Task<List<JsonObject>> ItemsAsync(string root, string collection)
    {
        var pages = await Harness.AllPagesAsync(_client, $"{root}/collections/{collection}/items?limit=100", null);
        return [.. pages.SelectMany(Harness.Features)];
    }

    [Fact]
    public async Task Pc_sentinel2_items_carry_every_key_of_the_real_item()
    {
        var sample = Sample("planetary-computer-sentinel-2-l2a-item.json");
        var items = await ItemsAsync(_server.PlanetaryComputerStacRoot.ToString(), "sentinel-2-l2a");
        Assert.Equal(4, items.Count);
        foreach (var item in items)
        {
            AssertHasAllKeys(sample, item, "item");
            AssertHasAllKeys((JsonObject)sample["properties"]!, (JsonObject)item["properties"]!, "properties");
            var assets = (JsonObject)item["assets"]!;
            foreach (var key in new[] { "B02", "B03", "B04", "B08", "SCL" })
            {
                var asset = (JsonObject)assets[key]!;
                AssertHasAllKeys((JsonObject)sample["assets"]![key]!, asset, $"asset {key}");
                Assert.Equal("image/tiff; application=geotiff; profile=cloud-optimized", (string)asset["type"]!);
                Assert.False(asset.ContainsKey("raster:bands"));
                Assert.StartsWith(_server.BaseUri + "blob/sentinel2-l2/", (string)asset["href"]!);
                Assert.EndsWith(".tif", (string)asset["href"]!);
            }

            Assert.DoesNotContain(assets, a => a.Key is "blue" or "red");
        }
    }

    [Fact]
    public async Task Pc_sentinel2_item_values_follow_the_scene()
    {
        var scene = _world.S2.First();
        var (response, json) = await Harness.GetJsonAsync(_client, $"{_server.PlanetaryComputerStacRoot}/collections/sentinel-2-l2a/items/{scene.Id}");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.ToString());
        var item = (JsonObject)json!;
        var properties = (JsonObject)item["properties"]!;
        Assert.Equal(scene.Epsg, (int)properties["proj:epsg"]!);
        Assert.Equal(scene.CloudCover, (double)properties["eo:cloud_cover"]!);
        Assert.Equal(scene.ProcessingBaseline, (string)properties["s2:processing_baseline"]!);
        Assert.Equal(scene.MgrsTile, (string)properties["s2:mgrs_tile"]!);
        Assert.Equal(scene.RelativeOrbit, (int)properties["sat:relative_orbit"]!);
        Assert.Equal("Sentinel-2B", (string)properties["platform"]!);
        Assert.Equal(scene.Datetime, DateTimeOffset.Parse((string)properties["datetime"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("_N0212_", (string)properties["s2:product_uri"]!, StringComparison.Ordinal);
        Assert.Equal(scene.BboxLonLat, ((JsonArray)item["bbox"]!).Select(v => (double)v!));
        var ring = ((JsonArray)item["geometry"]!["coordinates"]![0]!).Select(p => ((JsonArray)p!).Select(v => (double)v!).ToArray()).ToArray();
        Assert.Equal(scene.FootprintLonLat.Count, ring.Length);
        Assert.Equal(scene.FootprintLonLat[1], ring[1]);

        var red = item["assets"]!["B04"]!;
        var file = scene.Assets.Single(a => a.Key == "B04");
        Assert.Equal([10.0, 0, scene.OriginX, 0, -10.0, scene.OriginY], ((JsonArray)red["proj:transform"]!).Select(v => (double)v!));
        Assert.Equal([file.Height, file.Width], ((JsonArray)red["proj:shape"]!).Select(v => (int)v!));
        Assert.Equal([scene.OriginX, scene.OriginY - (file.Height * 10.0), scene.OriginX + (file.Width * 10.0), scene.OriginY], ((JsonArray)red["proj:bbox"]!).Select(v => (double)v!));
        Assert.Equal("red", (string)red["eo:bands"]![0]!["common_name"]!);
        var scl = item["assets"]!["SCL"]!;
        Assert.Equal(20.0, (double)scl["gsd"]!);
        Assert.Equal([20.0, 0, scene.OriginX, 0, -20.0, scene.OriginY], ((JsonArray)scl["proj:transform"]!).Select(v => (double)v!));
    }

    [Fact]
    public async Task Pc_sentinel1_rtc_items_carry_every_key_of_the_real_item()
    {
        var sample = Sample("planetary-computer-sentinel-1-rtc-item.json");
        var items = await ItemsAsync(_server.PlanetaryComputerStacRoot.ToString(), "sentinel-1-rtc");
        Assert.Equal(2, items.Count);
        foreach (var item in items)
        {
            var scene = _world.S1.Single(s => s.Id == (string)item["id"]!);
            AssertHasAllKeys(sample, item, "item");
            var properties = (JsonObject)item["properties"]!;
            AssertHasAllKeys((JsonObject)sample["properties"]!, properties, "properties");
            Assert.Equal(9, ((JsonArray)properties["proj:transform"]!).Count);
            Assert.Equal([10.0, 0, scene.OriginX, 0, -10.0, scene.OriginY, 0, 0, 1], ((JsonArray)properties["proj:transform"]!).Select(v => (double)v!));
            Assert.Equal(scene.Epsg, (int)properties["proj:epsg"]!);
            Assert.Equal(scene.OrbitState, (string)properties["sat:orbit_state"]!);
            Assert.Equal(["VV", "VH"], ((JsonArray)properties["sar:polarizations"]!).Select(v => (string)v!));
            var vv = scene.Assets.Single(a => a.Key == "vv");
            Assert.Equal([vv.Height, vv.Width], ((JsonArray)properties["proj:shape"]!).Select(v => (int)v!));
            Assert.Equal([vv.Width, vv.Height], ((JsonArray)properties["s1:shape"]!).Select(v => (int)v!));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00:00$", (string)properties["start_datetime"]!);
            foreach (var key in new[] { "vv", "vh" })
            {
                var asset = (JsonObject)item["assets"]![key]!;
                AssertHasAllKeys((JsonObject)sample["assets"]![key]!, asset, $"asset {key}");
                Assert.EndsWith($"/iw-{key}.rtc.tiff", (string)asset["href"]!);
                Assert.StartsWith(_server.BaseUri + "blob/sentinel1-grd-rtc/", (string)asset["href"]!);
                var band = asset["raster:bands"]![0]!;
                Assert.Equal(-32768, (double)band["nodata"]!);
                Assert.Equal("float32", (string)band["data_type"]!);
            }
        }
    }

    [Theory]
    [InlineData("sentinel-2-l2a", "earth-search-v1-sentinel-2-l2a-item.json", 4)]
    [InlineData("sentinel-2-c1-l2a", "earth-search-v1-sentinel-2-c1-l2a-item.json", 2)]
    public async Task Es_items_carry_every_key_of_the_real_item(string collection, string sampleName, int expected)
    {
        var sample = Sample(sampleName);
        var items = await ItemsAsync(_server.EarthSearchStacRoot.ToString(), collection);
        Assert.Equal(expected, items.Count);
        foreach (var item in items)
        {
            Assert.Equal(collection, (string)item["collection"]!);
            AssertHasAllKeys(sample, item, "item");
            AssertHasAllKeys((JsonObject)sample["properties"]!, (JsonObject)item["properties"]!, "properties");
            var assets = (JsonObject)item["assets"]!;
            foreach (var key in new[] { "blue", "green", "red", "nir", "scl" })
            {
                var asset = (JsonObject)assets[key]!;
                var expectedKeys = ((JsonObject)sample["assets"]![key]!).Select(p => p.Key).Where(k => k != "file:checksum");
                Assert.All(expectedKeys, k => Assert.True(asset.ContainsKey(k), $"{key} lacks {k}"));
                Assert.True(asset.ContainsKey("file:size"));
                Assert.StartsWith(_server.BaseUri + "s3/", (string)asset["href"]!);
                var band = asset["raster:bands"]![0]!;
                if (key != "scl")
                {
                    Assert.Equal(0.0001, (double)band["scale"]!);
                    Assert.Equal(-0.1, (double)band["offset"]!);
                }
                else
                {
                    Assert.Null(band["scale"]);
                }
            }

            Assert.DoesNotContain(assets, a => a.Key is "B02" or "B04" or "SCL");
        }
    }

    [Fact]
    public async Task Es_l2a_offset_flag_follows_the_baseline_and_serves_the_world_variants()
    {
        var items = await ItemsAsync(_server.EarthSearchStacRoot.ToString(), "sentinel-2-l2a");
        foreach (var item in items)
        {
            var properties = item["properties"]!;
            var baseline = (string)properties["s2:processing_baseline"]!;
            var applied = (bool)properties["earthsearch:boa_offset_applied"]!;
            Assert.Equal(string.CompareOrdinal(baseline, "04.00") >= 0, applied);
            var scene = _world.S2.Single(s => StacDate(s) == (string)properties["datetime"]!);
            var served = await _client.GetByteArrayAsync(new Uri((string)item["assets"]!["red"]!["href"]!));
            var expectedFile = applied ? scene.OffsetAppliedAssets!.Single(a => a.Key == "B04") : scene.Assets.Single(a => a.Key == "B04");
            Assert.Equal(File.ReadAllBytes(Path.Combine(_world.Root, expectedFile.RelativePath)), served);
            var scl = await _client.GetByteArrayAsync(new Uri((string)item["assets"]!["scl"]!["href"]!));
            Assert.Equal(File.ReadAllBytes(Path.Combine(_world.Root, scene.Assets.Single(a => a.Key == "SCL").RelativePath)), scl);
        }
    }

    [Fact]
    public async Task Landing_pages_and_collections_look_like_the_real_ones()
    {
        var (pcResponse, pc) = await Harness.GetJsonAsync(_client, _server.PlanetaryComputerStacRoot + "/");
        Assert.Equal("application/json", pcResponse.Content.Headers.ContentType!.ToString());
        var conforms = ((JsonArray)pc!["conformsTo"]!).Select(c => (string)c!).ToList();
        Assert.Contains("https://api.stacspec.org/v1.0.0/item-search", conforms);
        Assert.Contains("https://api.stacspec.org/v1.0.0/item-search#query", conforms);
        Assert.Contains("https://api.stacspec.org/v1.0.0/item-search#sort", conforms);
        Assert.Contains("https://api.stacspec.org/v1.0.0-rc.2/item-search#filter", conforms);
        Assert.Contains("https://api.stacspec.org/v1.0.0/item-search#fields", conforms);
        var rels = ((JsonArray)pc["links"]!).Select(l => (string)l!["rel"]!).ToList();
        Assert.Contains("search", rels);
        Assert.Contains("data", rels);

        var (esResponse, es) = await Harness.GetJsonAsync(_client, _server.EarthSearchStacRoot.ToString());
        Assert.Equal("application/json; charset=utf-8", esResponse.Content.Headers.ContentType!.ToString());
        Assert.Equal("earth-search-aws", (string)es!["id"]!);

        var (_, collections) = await Harness.GetJsonAsync(_client, _server.PlanetaryComputerStacRoot + "/collections");
        Assert.Equal(["sentinel-2-l2a", "sentinel-1-rtc", "sentinel-1-grd"], ((JsonArray)collections!["collections"]!).Select(c => (string)c!["id"]!));
        var (_, esCollection) = await Harness.GetJsonAsync(_client, _server.EarthSearchStacRoot + "/collections/sentinel-2-c1-l2a");
        Assert.Equal("Collection", (string)esCollection!["type"]!);
    }

    [Fact]
    public async Task Not_found_bodies_match_each_catalog()
    {
        var (pcResponse, pc) = await Harness.GetJsonAsync(_client, $"{_server.PlanetaryComputerStacRoot}/collections/sentinel-2-l2a/items/NOPE");
        Assert.Equal(404, (int)pcResponse.StatusCode);
        Assert.Equal("""{"code":"NotFoundError","description":"Item NOPE in Collection sentinel-2-l2a does not exist."}""", pc!.ToJsonString());
        var (esResponse, es) = await Harness.GetJsonAsync(_client, $"{_server.EarthSearchStacRoot}/collections/sentinel-2-l2a/items/NOPE");
        Assert.Equal(404, (int)esResponse.StatusCode);
        Assert.Equal("""{"code":"NotFound","description":"Not Found"}""", es!.ToJsonString());
    }

    private static string StacDate(SyntheticScene scene) =>
        scene.Datetime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
