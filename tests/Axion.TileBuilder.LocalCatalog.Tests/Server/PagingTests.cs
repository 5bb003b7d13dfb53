using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>Every match comes back exactly once when a client follows the next links, in both flavours.</summary>
public sealed class PagingTests(PagingFixture fixture) : IClassFixture<PagingFixture>
{
    private readonly FakeWorld _world = fixture.World;
    private readonly HttpClient _client = fixture.Client;
    private readonly LocalCatalogServer _server = fixture.Server;
    private readonly int _s2Count = fixture.World.S2.Count();

    private IEnumerable<string> ExpectedS2IdsNewestFirst() =>
        _world.S2.OrderByDescending(s => s.Datetime).Select(s => s.Id);

    [Fact]
    public async Task Pc_post_search_token_paging_returns_each_item_once_in_default_order()
    {
        var body = new JsonObject { ["collections"] = new JsonArray("sentinel-2-l2a"), ["limit"] = 5 };
        var pages = await Harness.AllPagesAsync(_client, _server.PlanetaryComputerStacRoot + "/search", body);
        Assert.Equal(5, pages.Count);
        Assert.Equal(ExpectedS2IdsNewestFirst(), Harness.Ids(pages));
        var last = pages[^1];
        Assert.Equal(3, Harness.Features(last).Count());
        Assert.DoesNotContain(((JsonArray)last["links"]!), l => (string?)l!["rel"] == "next");
        Assert.False(pages[0].ContainsKey("numberMatched"));
        Assert.False(pages[0].ContainsKey("context"));

        var next = ((JsonArray)pages[0]["links"]!).OfType<JsonObject>().Single(l => (string?)l["rel"] == "next");
        Assert.Equal("POST", (string?)next["method"]);
        Assert.False(next.ContainsKey("merge"));
        var nextBody = (JsonObject)next["body"]!;
        Assert.Equal(5, (int)nextBody["limit"]!);
        Assert.Equal($"next:sentinel-2-l2a:{Harness.Ids(pages).ElementAt(4)}", (string)nextBody["token"]!);
        Assert.Contains(((JsonArray)pages[1]["links"]!), l => (string?)l!["rel"] == "previous");
    }

    [Fact]
    public async Task Pc_previous_link_returns_the_page_before()
    {
        var body = new JsonObject { ["collections"] = new JsonArray("sentinel-2-l2a"), ["limit"] = 5 };
        var pages = await Harness.AllPagesAsync(_client, _server.PlanetaryComputerStacRoot + "/search", body);
        var previous = ((JsonArray)pages[2]["links"]!).OfType<JsonObject>().Single(l => (string?)l["rel"] == "previous");
        var (_, json) = await Harness.PostJsonAsync(_client, (string)previous["href"]!, previous["body"]!.DeepClone());
        Assert.Equal(Harness.Ids([pages[1]]), Harness.Ids([(JsonObject)json!]));
    }

    [Fact]
    public async Task Pc_get_items_paging_follows_token_links()
    {
        var pages = await Harness.AllPagesAsync(_client, _server.PlanetaryComputerStacRoot + "/collections/sentinel-2-l2a/items?limit=5", null);
        Assert.Equal(ExpectedS2IdsNewestFirst(), Harness.Ids(pages));
        var next = ((JsonArray)pages[0]["links"]!).OfType<JsonObject>().Single(l => (string?)l["rel"] == "next");
        Assert.Equal("GET", (string?)next["method"]);
        Assert.Matches(@"/collections/sentinel-2-l2a/items\?limit=5&token=next:sentinel-2-l2a:S2B_", (string)next["href"]!);
    }

    [Fact]
    public async Task Pc_items_default_limit_is_10_and_search_default_is_250()
    {
        var (_, items) = await Harness.GetJsonAsync(_client, _server.PlanetaryComputerStacRoot + "/collections/sentinel-2-l2a/items");
        Assert.Equal(10, Harness.Features(items!).Count());
        var (_, search) = await Harness.PostJsonAsync(_client, _server.PlanetaryComputerStacRoot + "/search", new JsonObject());
        Assert.Equal(_s2Count + 3, Harness.Features(search!).Count());
        Assert.DoesNotContain(((JsonArray)search!["links"]!), l => (string?)l!["rel"] == "next");
    }

    [Fact]
    public async Task Pc_get_search_paging_with_query_string()
    {
        var pages = await Harness.AllPagesAsync(_client, _server.PlanetaryComputerStacRoot + "/search?collections=sentinel-2-l2a,sentinel-1-rtc&limit=4", null);
        var ids = Harness.Ids(pages).ToList();
        Assert.Equal(_s2Count + 3, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Es_post_search_next_paging_ends_with_an_empty_page()
    {
        var body = new JsonObject { ["collections"] = new JsonArray("sentinel-2-l2a"), ["limit"] = 5 };
        var pages = await Harness.AllPagesAsync(_client, _server.EarthSearchStacRoot + "/search", body);
        Assert.Equal(ExpectedS2IdsNewestFirst().Count(), Harness.Ids(pages).Count());
        Assert.Equal(Harness.Ids(pages).Distinct().Count(), Harness.Ids(pages).Count());
        Assert.Equal(6, pages.Count);
        var empty = pages[^1];
        Assert.Empty(Harness.Features(empty));
        Assert.Equal(0, (int)empty["numberReturned"]!);
        Assert.Equal(_s2Count, (int)empty["numberMatched"]!);
        Assert.DoesNotContain(((JsonArray)empty["links"]!), l => (string?)l!["rel"] == "next");

        var first = pages[0];
        Assert.Equal(_s2Count, (int)first["numberMatched"]!);
        Assert.Equal(5, (int)first["numberReturned"]!);
        Assert.Equal(5, (int)first["context"]!["limit"]!);
        Assert.Equal(_s2Count, (int)first["context"]!["matched"]!);
        Assert.Equal(5, (int)first["context"]!["returned"]!);
        var next = ((JsonArray)first["links"]!).OfType<JsonObject>().Single(l => (string?)l["rel"] == "next");
        Assert.Equal("POST", (string?)next["method"]);
        Assert.False((bool)next["merge"]!);
        var lastOfFirst = Harness.Features(first).Last();
        Assert.Equal($"{lastOfFirst["properties"]!["datetime"]},{lastOfFirst["id"]},sentinel-2-l2a", (string)next["body"]!["next"]!);

        // The fourth full page (items 16-20) is followed by a short page and then the empty one.
        Assert.Equal(3, Harness.Features(pages[4]).Count());
        Assert.Contains(((JsonArray)pages[4]["links"]!), l => (string?)l!["rel"] == "next");
    }

    [Fact]
    public async Task Es_get_items_paging_and_default_limit_10()
    {
        var pages = await Harness.AllPagesAsync(_client, _server.EarthSearchStacRoot + "/collections/sentinel-2-l2a/items", null);
        Assert.Equal(10, Harness.Features(pages[0]).Count());
        Assert.Equal(_s2Count, Harness.Ids(pages).Distinct().Count());
        Assert.Equal(_s2Count, Harness.Ids(pages).Count());
        Assert.Empty(Harness.Features(pages[^1]));
    }

    [Fact]
    public async Task Es_search_content_type_has_charset()
    {
        var (response, _) = await Harness.GetJsonAsync(_client, _server.EarthSearchStacRoot + "/search?limit=1");
        Assert.Equal("application/geo+json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var (pc, _) = await Harness.GetJsonAsync(_client, _server.PlanetaryComputerStacRoot + "/search?limit=1");
        Assert.Equal("application/geo+json", pc.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Limits_out_of_range_are_400()
    {
        var (pc, _) = await Harness.GetJsonAsync(_client, _server.PlanetaryComputerStacRoot + "/search?limit=1001");
        Assert.Equal(400, (int)pc.StatusCode);
        var (es, _) = await Harness.GetJsonAsync(_client, _server.EarthSearchStacRoot + "/search?limit=10000");
        Assert.Equal(200, (int)es.StatusCode);
        var (bad, json) = await Harness.PostJsonAsync(_client, _server.PlanetaryComputerStacRoot + "/search", new JsonObject { ["token"] = "next:sentinel-2-l2a:NOPE" });
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("NOPE", (string)json!["description"]!, StringComparison.Ordinal);
    }
}
