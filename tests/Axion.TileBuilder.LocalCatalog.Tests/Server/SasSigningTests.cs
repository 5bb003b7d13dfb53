using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>Planetary Computer SAS imitation: token endpoint, signed reads, expiry, wrong container, Earth Search public reads.</summary>
public sealed class SasSigningTests : IAsyncLifetime
{
    private readonly FakeWorld _world = FakeWorld.Create(s2Count: 2, s1Count: 1);
    private readonly HttpClient _client = Harness.Client();
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero));
    private LocalCatalogServer _server = null!;

    public async Task InitializeAsync() => _server = await Harness.StartAsync(_world, new LocalCatalogOptions { Clock = _clock });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _client.Dispose();
        _world.Dispose();
    }

    private async Task<(string Href, byte[] Local)> PcS2RedAsync()
    {
        var scene = _world.S2.First();
        var (_, item) = await Harness.GetJsonAsync(_client, $"{_server.PlanetaryComputerStacRoot}/collections/sentinel-2-l2a/items/{scene.Id}");
        var local = File.ReadAllBytes(Path.Combine(_world.Root, scene.Assets.Single(a => a.Key == "B04").RelativePath));
        return ((string)item!["assets"]!["B04"]!["href"]!, local);
    }

    private async Task<JsonObject> TokenAsync(string collection)
    {
        var (response, json) = await Harness.GetJsonAsync(_client, $"{_server.PlanetaryComputerTokenUrl}/{collection}");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return (JsonObject)json!;
    }

    private async Task<HttpResponseMessage> GetRangeAsync(string url, long first, long last)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url));
        request.Headers.Range = new RangeHeaderValue(first, last);
        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task Unsigned_pc_asset_read_is_403_with_an_azure_xml_error()
    {
        var (href, _) = await PcS2RedAsync();
        var response = await GetRangeAsync(href, 0, 99);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.", body, StringComparison.Ordinal);
        Assert.Contains("<AuthenticationErrorDetail>", body, StringComparison.Ordinal);
        Assert.Contains("RequestId:", body, StringComparison.Ordinal);
        Assert.Equal("AuthenticationFailed", response.Headers.GetValues("x-ms-error-code").Single());
    }

    [Fact]
    public async Task Token_signed_range_read_returns_the_file_bytes()
    {
        var (href, local) = await PcS2RedAsync();
        var token = await TokenAsync("sentinel-2-l2a");
        var expiry = DateTimeOffset.Parse((string)token["msft:expiry"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(_clock.GetUtcNow().AddHours(1), expiry);
        var sas = (string)token["token"]!;
        Assert.Matches(@"^st=[^&]+&se=[^&]+&sp=rl&sv=2021-06-08&sr=c&skoid=[0-9a-f-]{36}&sktid=[0-9a-f-]{36}&skt=[^&]+&ske=[^&]+&sks=b&skv=2021-06-08&sig=[^&]+$", sas);
        Assert.Contains("se=2025-03-12T11%3A00%3A00Z", sas, StringComparison.Ordinal);

        var response = await GetRangeAsync(href + "?" + sas, 1000, 1999);
        Assert.Equal(206, (int)response.StatusCode);
        Assert.Equal(local[1000..2000], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 1000-1999/{local.Length}", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Expired_token_is_403_not_valid_in_time_frame()
    {
        var (href, _) = await PcS2RedAsync();
        _server.TokenLifetime = TimeSpan.FromSeconds(1);
        var sas = (string)(await TokenAsync("sentinel-2-l2a"))["token"]!;
        Assert.Equal(206, (int)(await GetRangeAsync(href + "?" + sas, 0, 9)).StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        var response = await GetRangeAsync(href + "?" + sas, 0, 9);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("Signature not valid in the specified time frame", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A fresh token works again.
        var fresh = (string)(await TokenAsync("sentinel-2-l2a"))["token"]!;
        Assert.Equal(206, (int)(await GetRangeAsync(href + "?" + fresh, 0, 9)).StatusCode);
    }

    [Fact]
    public async Task Fault_options_token_lifetime_overrides_the_server_lifetime()
    {
        _server.Faults = new FaultOptions { TokenLifetime = TimeSpan.FromMinutes(3) };
        var token = await TokenAsync("sentinel-1-rtc");
        Assert.Equal(_clock.GetUtcNow().AddMinutes(3), DateTimeOffset.Parse((string)token["msft:expiry"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Token_of_another_collection_is_403()
    {
        var (href, _) = await PcS2RedAsync();
        var sas = (string)(await TokenAsync("sentinel-1-rtc"))["token"]!;
        var response = await GetRangeAsync(href + "?" + sas, 0, 9);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("Signature did not match", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (unknown, _) = await Harness.GetJsonAsync(_client, $"{_server.PlanetaryComputerTokenUrl}/landsat-c2-l2");
        Assert.Equal(404, (int)unknown.StatusCode);
    }

    [Fact]
    public async Task Tampered_expiry_is_403()
    {
        var (href, _) = await PcS2RedAsync();
        var sas = (string)(await TokenAsync("sentinel-2-l2a"))["token"]!;
        var tampered = sas.Replace("se=2025-03-12T11", "se=2026-03-12T11", StringComparison.Ordinal);
        Assert.Equal(403, (int)(await GetRangeAsync(href + "?" + tampered, 0, 9)).StatusCode);
    }

    [Fact]
    public async Task S1_rtc_asset_signed_read_works()
    {
        var scene = _world.S1.First();
        var (_, item) = await Harness.GetJsonAsync(_client, $"{_server.PlanetaryComputerStacRoot}/collections/sentinel-1-rtc/items/{scene.Id}");
        var href = (string)item!["assets"]!["vh"]!["href"]!;
        var sas = (string)(await TokenAsync("sentinel-1-rtc"))["token"]!;
        var bytes = await _client.GetByteArrayAsync(new Uri(href + "?" + sas));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_world.Root, scene.Assets.Single(a => a.Key == "vh").RelativePath)), bytes);
    }

    [Fact]
    public async Task Es_assets_need_no_signature()
    {
        var (_, page) = await Harness.GetJsonAsync(_client, $"{_server.EarthSearchStacRoot}/collections/sentinel-2-l2a/items");
        var item = Harness.Features(page!).First();
        var href = (string)item["assets"]!["nir"]!["href"]!;
        var response = await GetRangeAsync(href, 0, 511);
        Assert.Equal(206, (int)response.StatusCode);
        Assert.Equal(512, (await response.Content.ReadAsByteArrayAsync()).Length);
        var missing = await _client.GetAsync(new Uri(href.Replace("B08.tif", "B99.tif", StringComparison.Ordinal)));
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Contains("<Code>NoSuchKey</Code>", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscription_key_header_is_accepted_and_counted()
    {
        _server.ResetStats();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{_server.PlanetaryComputerTokenUrl}/sentinel-2-l2a"));
        request.Headers.Add("Ocp-Apim-Subscription-Key", "local-test-key");
        Assert.Equal(200, (int)(await _client.SendAsync(request)).StatusCode);
        await TokenAsync("sentinel-2-l2a");
        await Harness.WaitForAsync(() => _server.Stats.Snapshot().TotalRequests == 2);
        var stats = _server.Stats.Snapshot();
        Assert.Equal(1, stats.SubscriptionKeyRequests);
        Assert.Equal(2, stats.Category(RequestCategory.Token).Requests);
    }
}
