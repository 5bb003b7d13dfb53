using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>Benchmark mode: each search answer has its own asset URLs, which serve the same bytes as the plain ones.</summary>
public sealed class DistinctAssetUrlTests : IAsyncLifetime
{
    private readonly FakeWorld _world = FakeWorld.Create(s2Count: 2, s1Count: 1);
    private readonly HttpClient _client = Harness.Client();
    private LocalCatalogServer _server = null!;

    public async Task InitializeAsync() => _server = await Harness.StartAsync(_world, new LocalCatalogOptions { DistinctAssetUrlsPerSearch = true });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _client.Dispose();
        _world.Dispose();
    }

    [Fact]
    public async Task Two_searches_get_different_asset_urls_that_serve_the_file_bytes()
    {
        var scene = _world.S2.First();
        var local = File.ReadAllBytes(Path.Combine(_world.Root, scene.Assets.Single(a => a.Key == "B04").RelativePath));
        var token = (string)(await Harness.GetJsonAsync(_client, $"{_server.PlanetaryComputerTokenUrl}/sentinel-2-l2a")).Json!["token"]!;

        var hrefs = new List<string>();
        foreach (var limit in new[] { 10, 11 })
        {
            var body = new JsonObject { ["collections"] = new JsonArray("sentinel-2-l2a"), ["ids"] = new JsonArray(scene.Id), ["limit"] = limit };
            var (response, page) = await Harness.PostJsonAsync(_client, $"{_server.PlanetaryComputerStacRoot}/search", body);
            Assert.Equal(200, (int)response.StatusCode);
            var href = (string)Harness.Features(page!).Single()["assets"]!["B04"]!["href"]!;
            Assert.Contains("/~", href, StringComparison.Ordinal);
            hrefs.Add(href);

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(href + "?" + token));
            request.Headers.Range = new RangeHeaderValue(100, 4195);
            using var read = await _client.SendAsync(request);
            Assert.Equal(206, (int)read.StatusCode);
            Assert.Equal(local.AsSpan(100, 4096).ToArray(), await read.Content.ReadAsByteArrayAsync());
        }

        Assert.NotEqual(hrefs[0], hrefs[1]);
        Assert.Equal(hrefs[0][..hrefs[0].IndexOf("/~", StringComparison.Ordinal)], hrefs[1][..hrefs[1].IndexOf("/~", StringComparison.Ordinal)]);
        var snapshot = _server.Stats.Snapshot();
        Assert.Equal(2, snapshot.Category(RequestCategory.Asset).Requests); // counted as asset reads after the prefix is removed
    }
}
