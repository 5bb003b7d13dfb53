using System.Globalization;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>Search semantics: bbox, intersects, datetime, query, CQL2, sortby, and the flavours' error quirks.</summary>
public sealed class SearchFilterTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private readonly FakeWorld _world = fixture.World;
    private readonly HttpClient _client = fixture.Client;
    private readonly LocalCatalogServer _server = fixture.Server;

    private string PcSearch => _server.PlanetaryComputerStacRoot + "/search";

    private string EsSearch => _server.EarthSearchStacRoot + "/search";

    private async Task<List<JsonObject>> SearchAsync(string url, JsonObject body)
    {
        var (response, json) = await Harness.PostJsonAsync(_client, url, body);
        Assert.True(response.IsSuccessStatusCode, json?.ToJsonString());
        return [.. Harness.Features(json!)];
    }

    private static JsonObject S2(JsonObject body)
    {
        body["collections"] = new JsonArray("sentinel-2-l2a");
        body["limit"] = 100;
        return body;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Bbox_selects_items_whose_bbox_intersects()
    {
        // Scene i covers longitudes [2.0 + 0.1 i, 2.5 + 0.1 i]: a box at 2.95..3.0 touches scenes 5..9.
        var found = await SearchAsync(PcSearch, S2(new JsonObject { ["bbox"] = new JsonArray(2.95, 48.1, 3.0, 48.2) }));
        var expected = _world.S2.Where(s => s.BboxLonLat[2] >= 2.95 && s.BboxLonLat[0] <= 3.0).Select(s => s.Id).Order();
        Assert.Equal(expected, found.Select(f => (string)f["id"]!).Order());
        Assert.Equal(5, found.Count);

        var (_, get) = await Harness.GetJsonAsync(_client, $"{PcSearch}?collections=sentinel-2-l2a&bbox=2.95,48.1,3.0,48.2");
        Assert.Equal(5, Harness.Features(get!).Count());
    }

    [Fact]
    public async Task Intersects_point_and_polygon_test_the_footprint()
    {
        var point = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(2.15, 48.25) };
        var byPoint = await SearchAsync(EsSearch, S2(new JsonObject { ["intersects"] = point }));
        Assert.Equal(_world.S2.Count(s => s.BboxLonLat[0] <= 2.15 && s.BboxLonLat[2] >= 2.15), byPoint.Count);
        Assert.Equal(2, byPoint.Count);

        var polygon = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(
                new JsonArray(3.35, 48.6), new JsonArray(3.45, 48.6), new JsonArray(3.45, 48.7), new JsonArray(3.35, 48.7), new JsonArray(3.35, 48.6))),
        };
        var byPolygon = await SearchAsync(PcSearch, S2(new JsonObject { ["intersects"] = polygon.DeepClone() }));
        Assert.Empty(byPolygon);
        polygon["coordinates"]![0]![0] = new JsonArray(3.35, 48.4);
        polygon["coordinates"]![0]![4] = new JsonArray(3.35, 48.4);
        var touching = await SearchAsync(PcSearch, S2(new JsonObject { ["intersects"] = polygon.DeepClone() }));
        // Its corner (3.35, 48.4) lies in the last scene only (longitudes 2.9..3.4); the one before ends at 3.3.
        var last = _world.S2.OrderBy(s => s.Datetime).Last();
        Assert.Equal(last.Id, (string)Assert.Single(touching)["id"]!);
    }

    [Fact]
    public async Task Bbox_and_intersects_together_are_400_in_both_flavours()
    {
        var body = new JsonObject
        {
            ["bbox"] = new JsonArray(2, 48, 3, 49),
            ["intersects"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(2.1, 48.1) },
        };
        var (pc, pcJson) = await Harness.PostJsonAsync(_client, PcSearch, body);
        Assert.Equal(400, (int)pc.StatusCode);
        Assert.NotNull(pcJson!["description"]);
        var (es, _) = await Harness.PostJsonAsync(_client, EsSearch, body.DeepClone());
        Assert.Equal(400, (int)es.StatusCode);
    }

    [Fact]
    public async Task Datetime_instants_ranges_and_open_ends()
    {
        var s2 = _world.S2.OrderBy(s => s.Datetime).ToList();
        var from = Iso(s2[7].Datetime.AddMinutes(-1));
        var until = Iso(s2[2].Datetime.AddMinutes(1));
        Assert.Equal(3, (await SearchAsync(PcSearch, S2(new JsonObject { ["datetime"] = $"{from}/.." }))).Count);
        Assert.Equal(3, (await SearchAsync(EsSearch, S2(new JsonObject { ["datetime"] = $"../{until}" }))).Count);
        Assert.Equal(3, (await SearchAsync(PcSearch, S2(new JsonObject { ["datetime"] = $"{from}/" }))).Count);
        Assert.Equal(4, (await SearchAsync(PcSearch, S2(new JsonObject { ["datetime"] = $"{until}/{from}" }))).Count);
        var instant = s2[4].Datetime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var exact = await SearchAsync(PcSearch, S2(new JsonObject { ["datetime"] = instant }));
        Assert.Equal(s2[4].Id, (string)Assert.Single(exact)["id"]!);
        var (bad, _) = await Harness.PostJsonAsync(_client, PcSearch, new JsonObject { ["datetime"] = "yesterday" });
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task Query_extension_lte_and_gte()
    {
        // Cloud cover of scene i is 10 i.
        var lte = await SearchAsync(PcSearch, S2(new JsonObject { ["query"] = new JsonObject { ["eo:cloud_cover"] = new JsonObject { ["lte"] = 30 } } }));
        Assert.Equal(4, lte.Count);
        Assert.All(lte, f => Assert.True((double)f["properties"]!["eo:cloud_cover"]! <= 30));
        var range = await SearchAsync(EsSearch, S2(new JsonObject { ["query"] = new JsonObject { ["eo:cloud_cover"] = new JsonObject { ["gte"] = 30, ["lt"] = 60 } } }));
        Assert.Equal([30.0, 40.0, 50.0], range.Select(f => (double)f["properties"]!["eo:cloud_cover"]!).Order());
        var baseline = await SearchAsync(PcSearch, S2(new JsonObject { ["query"] = new JsonObject { ["s2:processing_baseline"] = new JsonObject { ["gte"] = "04.00" } } }));
        Assert.Equal(5, baseline.Count);
        var (bad, _) = await Harness.PostJsonAsync(_client, PcSearch, new JsonObject { ["query"] = new JsonObject { ["eo:cloud_cover"] = new JsonObject { ["<="] = 3 } } });
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task Cql2_lte_and_and()
    {
        var filter = new JsonObject
        {
            ["op"] = "and",
            ["args"] = new JsonArray(
                new JsonObject { ["op"] = "<=", ["args"] = new JsonArray(new JsonObject { ["property"] = "eo:cloud_cover" }, 50) },
                new JsonObject { ["op"] = ">", ["args"] = new JsonArray(new JsonObject { ["property"] = "properties.eo:cloud_cover" }, 10) }),
        };
        foreach (var url in new[] { PcSearch, EsSearch })
        {
            var found = await SearchAsync(url, S2(new JsonObject { ["filter"] = filter.DeepClone(), ["filter-lang"] = "cql2-json" }));
            Assert.Equal([20.0, 30.0, 40.0, 50.0], found.Select(f => (double)f["properties"]!["eo:cloud_cover"]!).Order());
        }

        var not = await SearchAsync(PcSearch, S2(new JsonObject
        {
            ["filter"] = new JsonObject { ["op"] = "not", ["args"] = new JsonArray(new JsonObject { ["op"] = "=", ["args"] = new JsonArray(new JsonObject { ["property"] = "s2:processing_baseline" }, "05.10") }) },
        }));
        Assert.Equal(5, not.Count);
    }

    [Fact]
    public async Task Unknown_cql2_operator_is_ignored_by_earth_search_and_rejected_by_planetary_computer()
    {
        var body = S2(new JsonObject
        {
            ["filter"] = new JsonObject { ["op"] = "lte", ["args"] = new JsonArray(new JsonObject { ["property"] = "eo:cloud_cover" }, 40) },
            ["filter-lang"] = "cql2-json",
        });
        var es = await SearchAsync(EsSearch, body);
        Assert.Equal(10, es.Count);
        Assert.Contains(es, f => (double)f["properties"]!["eo:cloud_cover"]! > 40);
        var (pc, json) = await Harness.PostJsonAsync(_client, PcSearch, body.DeepClone());
        Assert.Equal(400, (int)pc.StatusCode);
        Assert.Contains("lte", (string)json!["description"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sortby_cloud_cover_ascending_and_descending()
    {
        var sortAsc = new JsonArray(new JsonObject { ["field"] = "properties.eo:cloud_cover", ["direction"] = "asc" });
        var asc = await SearchAsync(PcSearch, S2(new JsonObject { ["sortby"] = sortAsc }));
        var ascValues = asc.Select(f => (double)f["properties"]!["eo:cloud_cover"]!).ToList();
        Assert.Equal(ascValues.Order(), ascValues);
        Assert.Equal(10, ascValues.Count);

        var sortDesc = new JsonArray(new JsonObject { ["field"] = "eo:cloud_cover", ["direction"] = "desc" });
        var desc = await SearchAsync(EsSearch, S2(new JsonObject { ["sortby"] = sortDesc }));
        var descValues = desc.Select(f => (double)f["properties"]!["eo:cloud_cover"]!).ToList();
        Assert.Equal(descValues.OrderDescending(), descValues);

        var (_, get) = await Harness.GetJsonAsync(_client, $"{PcSearch}?collections=sentinel-2-l2a&sortby=-properties.eo:cloud_cover&limit=3");
        Assert.Equal([90.0, 80.0, 70.0], Harness.Features(get!).Select(f => (double)f["properties"]!["eo:cloud_cover"]!));

        // Sorted paging still returns every item once.
        var pages = await Harness.AllPagesAsync(_client, PcSearch, new JsonObject { ["collections"] = new JsonArray("sentinel-2-l2a"), ["limit"] = 3, ["sortby"] = sortAsc.DeepClone() });
        Assert.Equal(asc.Select(f => (string)f["id"]!), Harness.Ids(pages));
    }

    [Fact]
    public async Task Ids_and_collections_filters()
    {
        var ids = _world.S2.Take(2).Select(s => s.Id).ToList();
        var found = await SearchAsync(PcSearch, new JsonObject { ["ids"] = new JsonArray(ids[0], ids[1]) });
        Assert.Equal(ids.Order(), found.Select(f => (string)f["id"]!).Order());
        var s1 = await SearchAsync(PcSearch, new JsonObject { ["collections"] = new JsonArray("sentinel-1-rtc") });
        Assert.Equal(2, s1.Count);
        var esS1 = await SearchAsync(EsSearch, new JsonObject { ["collections"] = new JsonArray("sentinel-1-rtc") });
        Assert.Empty(esS1);
    }

    [Fact]
    public async Task Invalid_json_is_400_with_a_json_body()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri(PcSearch), content);
        Assert.Equal(400, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("RequestValidationError", (string)body["code"]!);
        using var content2 = new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json");
        var es = await _client.PostAsync(new Uri(EsSearch), content2);
        Assert.Equal(400, (int)es.StatusCode);
        Assert.Equal("BadRequest", (string)JsonNode.Parse(await es.Content.ReadAsStringAsync())!["code"]!);
    }
}
