using System.Net;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Tests.Fakes;

namespace Axion.TileBuilder.Stac.Tests.Search;

public class StacClientPagingTests : StacClientTestBase
{
    [Fact]
    public async Task Planetary_computer_token_in_post_body()
    {
        var pcItem = Fixture.Text("planetary-computer-sentinel-2-l2a-item.json");
        var rtcItem = Fixture.Text("planetary-computer-sentinel-1-rtc-item.json");
        Handler.Enqueue(() => TestHttpMessageHandler.Json(Fixture.Text("planetary-computer-search-post-page1-naip.json")))
            .Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(pcItem + "," + rtcItem)));
        var request = new StacSearchRequest { Collections = ["naip"], Bbox = [-73.21, 43.99, -73.12, 44.05], Limit = 10 };

        var items = await ToListAsync(Client().SearchAsync(request, Ct));

        Assert.Equal(12, items.Count);
        Assert.Equal(12, items.Select(i => i.Id).Distinct().Count());
        Assert.Equal("vt_m_4307308_nw_18_030_20230622_20231113", items[0].Id);
        Assert.Equal("S1A_IW_GRDH_1SDV_20250311T044231_20250311T044249_058252_073302_rtc", items[^1].Id);

        var requests = Handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(HttpMethod.Post, r.Method);
            Assert.Equal("https://planetarycomputer.microsoft.com/api/stac/v1/search", r.Uri.AbsoluteUri);
            Assert.Equal("application/json", r.Header("Content-Type"));
            Assert.Contains("application/geo+json", r.Header("Accept"));
            Assert.Equal("axion-tiles/0.1", r.Header("User-Agent"));
        });
        Assert.Equal("""{"collections":["naip"],"bbox":[-73.21,43.99,-73.12,44.05],"limit":10}""", requests[0].Body);
        AssertJsonEqual("""{"limit": 10, "bbox": [-73.21, 43.99, -73.12, 44.05], "collections": ["naip"], "token": "next:naip:vt_m_4307307_nw_18_060_20211029"}""", requests[1].Body);
    }

    [Fact]
    public async Task Earth_search_next_body_replaces_and_empty_page_stops()
    {
        Handler.Enqueue(() => TestHttpMessageHandler.Json(Fixture.Text("earth-search-v1-search-post-page1.json")))
            .Enqueue(() => TestHttpMessageHandler.Json(Fixture.Text("earth-search-v1-search-post-page2-empty.json")));
        var request = new StacSearchRequest
        {
            Collections = ["sentinel-2-l2a", "landsat-c2-l2"],
            Intersects = Fixture.Element("""{"type": "Point", "coordinates": [-105.1019, 40.1672]}"""),
            Datetime = "2023-10-08T00:00:00Z/2023-10-08T23:59:59Z",
            Limit = 10,
        };

        var items = await ToListAsync(Client(EsRoot).SearchAsync(request, Ct));

        Assert.Equal(["S2A_13TDE_20231008_0_L2A", "LC08_L2SP_033032_20231008_02_T1"], items.Select(i => i.Id));
        var requests = Handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("https://earth-search.aws.element84.com/v1/search", requests[0].Uri.AbsoluteUri);
        AssertJsonEqual(
            """{"collections":["sentinel-2-l2a","landsat-c2-l2"],"intersects":{"type":"Point","coordinates":[-105.1019,40.1672]},"datetime":"2023-10-08T00:00:00Z/2023-10-08T23:59:59Z","limit":10}""",
            requests[0].Body);
        // merge: false -> the link body replaces the request body (no "limit" any more).
        AssertJsonEqual(
            """{"datetime": "2023-10-08T00:00:00Z/2023-10-08T23:59:59Z", "intersects": {"type": "Point", "coordinates": [-105.1019, 40.1672]}, "collections": ["sentinel-2-l2a", "landsat-c2-l2"], "next": "2023-10-08T17:37:26.656958Z,LC08_L2SP_033032_20231008_02_T1,landsat-c2-l2"}""",
            requests[1].Body);
    }

    [Fact]
    public async Task Merge_true_merges_link_body_and_sends_link_headers()
    {
        var link = """[{"rel":"next","href":"search","method":"POST","merge":true,"body":{"token":"page2","limit":5},"headers":{"X-Page":"2"}}]""";
        Handler.Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("a"), link)))
            .Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("b"))));

        var items = await ToListAsync(Client().SearchAsync(new StacSearchRequest { Collections = ["c"], Limit = 1 }, Ct));

        Assert.Equal(["a", "b"], items.Select(i => i.Id));
        var second = Handler.Requests[1];
        Assert.Equal("https://planetarycomputer.microsoft.com/api/stac/v1/search", second.Uri.AbsoluteUri);
        AssertJsonEqual("""{"collections":["c"],"limit":5,"token":"page2"}""", second.Body);
        Assert.Equal("2", second.Header("X-Page"));
    }

    [Fact]
    public async Task Get_next_link_with_token_is_followed_as_get()
    {
        Handler.Enqueue(() => TestHttpMessageHandler.Json(Fixture.Text("planetary-computer-sentinel-2-l2a-items-page-get.json")))
            .Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(string.Empty)));

        var items = await ToListAsync(Client().SearchAsync(new StacSearchRequest { Collections = ["sentinel-2-l2a"], Limit = 1 }, Ct));

        Assert.Equal(["S2B_MSIL2A_20250312T014549_R074_T53NKG_20250312T041213"], items.Select(i => i.Id));
        var second = Handler.Requests[1];
        Assert.Equal(HttpMethod.Get, second.Method);
        Assert.Null(second.Body);
        Assert.Equal(
            "https://planetarycomputer.microsoft.com/api/stac/v1/collections/sentinel-2-l2a/items?limit=1&token=next:sentinel-2-l2a:S2B_MSIL2A_20250312T014549_R074_T53NKG_20250312T041213",
            second.Uri.OriginalString);
    }

    [Fact]
    public async Task Repeated_next_request_stops_the_loop()
    {
        var link = """[{"rel":"next","href":"https://planetarycomputer.microsoft.com/api/stac/v1/search","method":"POST","body":{"collections":["c"],"token":"same"}}]""";
        var n = 0;
        Handler.Respond(_ => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("i" + Interlocked.Increment(ref n)), link)));

        var items = await ToListAsync(Client().SearchAsync(new StacSearchRequest { Collections = ["c"] }, Ct));

        Assert.Equal(["i1", "i2"], items.Select(i => i.Id));
        Assert.Equal(2, Handler.Count);
        Assert.Contains(Log, l => l.Contains("repeats an earlier request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_loop_is_detected_too()
    {
        var link = """[{"rel":"next","href":"https://planetarycomputer.microsoft.com/api/stac/v1/search?token=next:c:x"}]""";
        Handler.Respond(_ => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("x"), link)));

        var pages = await ToListAsync(Client().SearchPagesAsync(new StacSearchRequest(), Ct));

        Assert.Equal(2, pages.Count);
        Assert.Equal(2, Handler.Count);
        Assert.Equal(HttpMethod.Get, Handler.Requests[1].Method);
        // The log line names the URL without the token.
        var line = Assert.Single(Log, l => l.Contains("repeats", StringComparison.Ordinal));
        Assert.DoesNotContain("next:c:x", line);
    }

    [Fact]
    public async Task Max_pages_is_enforced()
    {
        var n = 0;
        Handler.Respond(_ =>
        {
            var page = Interlocked.Increment(ref n);
            var link = "[{\"rel\":\"next\",\"href\":\"search\",\"method\":\"POST\",\"body\":{\"token\":\"t" + page + "\"}}]";
            return TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("i" + page), link));
        });

        var items = await ToListAsync(Client(configure: o => o with { MaxPages = 3 }).SearchAsync(new StacSearchRequest(), Ct));

        Assert.Equal(["i1", "i2", "i3"], items.Select(i => i.Id));
        Assert.Equal(3, Handler.Count);
        Assert.Contains(Log, l => l.Contains("MaxPages = 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Max_items_stops_without_fetching_more()
    {
        var n = 0;
        Handler.Respond(_ =>
        {
            var page = Interlocked.Increment(ref n);
            var link = "[{\"rel\":\"next\",\"href\":\"search\",\"method\":\"POST\",\"body\":{\"token\":\"t" + page + "\"}}]";
            return TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("a" + page) + "," + MinimalItem("b" + page), link));
        });

        var items = await ToListAsync(Client(configure: o => o with { MaxItems = 3 }).SearchAsync(new StacSearchRequest(), Ct));

        Assert.Equal(["a1", "b1", "a2"], items.Select(i => i.Id));
        Assert.Equal(2, Handler.Count);
    }

    [Fact]
    public async Task Empty_page_with_next_link_stops()
    {
        var link = """[{"rel":"next","href":"search","method":"POST","body":{"next":"x"}}]""";
        Handler.Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(string.Empty, link)));

        var items = await ToListAsync(Client().SearchAsync(new StacSearchRequest(), Ct));

        Assert.Empty(items);
        Assert.Equal(1, Handler.Count);
    }

    [Fact]
    public async Task Bad_features_are_skipped_and_logged()
    {
        var broken = """{"id":"no-assets","properties":{"datetime":"2024-01-01T00:00:00Z"}}""";
        Handler.Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("ok1") + "," + broken + "," + MinimalItem("ok2"))));

        var items = await ToListAsync(Client().SearchAsync(new StacSearchRequest(), Ct));

        Assert.Equal(["ok1", "ok2"], items.Select(i => i.Id));
        Assert.Contains(Log, l => l.Contains("skipped feature #1", StringComparison.Ordinal) && l.Contains("'no-assets' has no 'assets'", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_request_throws_before_enumeration()
    {
        var request = new StacSearchRequest { Bbox = [0, 0, 1, 1], Intersects = Fixture.Element("""{"type":"Point","coordinates":[0,0]}""") };

        Assert.Throws<ArgumentException>(() => Client().SearchAsync(request, Ct));
        Assert.Equal(0, Handler.Count);
    }

    [Fact]
    public async Task Get_item_uses_collection_items_url()
    {
        Handler.Enqueue(() => TestHttpMessageHandler.Json(Fixture.Text("planetary-computer-sentinel-1-rtc-item.json")));

        var item = await Client(PcRoot + "/").GetItemAsync("sentinel-1-rtc", "S1A_IW_GRDH_1SDV_20250311T044231_20250311T044249_058252_073302_rtc", Ct);

        Assert.Equal(32634, item.Epsg);
        var request = Assert.Single(Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://planetarycomputer.microsoft.com/api/stac/v1/collections/sentinel-1-rtc/items/S1A_IW_GRDH_1SDV_20250311T044231_20250311T044249_058252_073302_rtc", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Get_collection_returns_raw_document()
    {
        Handler.Enqueue(() => TestHttpMessageHandler.Json("""{"type":"Collection","id":"sentinel-2-l2a"}""", HttpStatusCode.OK, "application/json"));

        using var document = await Client().GetCollectionAsync("sentinel-2-l2a", Ct);

        Assert.Equal("sentinel-2-l2a", document.RootElement.GetProperty("id").GetString());
        Assert.Equal("https://planetarycomputer.microsoft.com/api/stac/v1/collections/sentinel-2-l2a", Handler.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public void Follow_keeps_previous_body_when_post_link_has_none()
    {
        var previous = JsonNode.Parse("""{"collections":["c"]}""")!.AsObject();
        var next = new Axion.TileBuilder.Stac.Model.StacLink { Rel = "next", Href = "https://x.test/search?page=2", Method = "POST" };

        var (method, url, body, _) = StacClient.Follow(next, new Uri("https://x.test/search"), previous);

        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("https://x.test/search?page=2", url.AbsoluteUri);
        Assert.Same(previous, body);
        Assert.Throws<Axion.TileBuilder.Stac.Model.StacFormatException>(() =>
            StacClient.Follow(next with { Href = "file:///etc/passwd" }, new Uri("https://x.test/search"), previous));
    }
}
