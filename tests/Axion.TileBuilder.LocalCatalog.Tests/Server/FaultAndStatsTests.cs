using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>Fault knobs, counters and the admin endpoints.</summary>
public sealed class FaultAndStatsTests : IAsyncLifetime
{
    private readonly FakeWorld _world = FakeWorld.Create(s2Count: 2, s1Count: 0);
    private readonly HttpClient _client = Harness.Client();
    private readonly List<string> _log = [];
    private LocalCatalogServer _server = null!;
    private string _href = null!;
    private string _path = null!;

    public async Task InitializeAsync()
    {
        _server = await Harness.StartAsync(_world, new LocalCatalogOptions
        {
            RequestLogSize = 5,
            RequestLogger = line =>
            {
                lock (_log)
                {
                    _log.Add(line);
                }
            },
        });
        var (_, page) = await Harness.GetJsonAsync(_client, $"{_server.EarthSearchStacRoot}/collections/sentinel-2-l2a/items");
        _href = (string)Harness.Features(page!).First()["assets"]!["red"]!["href"]!;
        _path = new Uri(_href).AbsolutePath;
        await Harness.WaitForAsync(() => _server.Stats.Snapshot().TotalRequests == 1);
        _server.ResetStats();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _client.Dispose();
        _world.Dispose();
    }

    [Fact]
    public async Task Error503_on_assets_only()
    {
        _server.Faults = new FaultOptions { Error503Rate = 1, AppliesTo = FaultTargets.Assets, RetryAfterSeconds = 2 };
        var asset = await _client.GetAsync(new Uri(_href));
        Assert.Equal(503, (int)asset.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), asset.Headers.RetryAfter!.Delta);
        var stac = await _client.GetAsync(_server.EarthSearchStacRoot);
        Assert.Equal(200, (int)stac.StatusCode);
        await Harness.WaitForAsync(() => _server.Stats.Snapshot().Recent.Any(r => r.Path == _path && r.Fault == "503"));
    }

    [Fact]
    public async Task Error429_carries_retry_after()
    {
        _server.Faults = new FaultOptions { Error429Rate = 1, RetryAfterSeconds = 7, AppliesTo = FaultTargets.Token };
        var response = await _client.GetAsync(new Uri($"{_server.PlanetaryComputerTokenUrl}/sentinel-2-l2a"));
        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        Assert.Equal(200, (int)(await _client.GetAsync(new Uri(_href))).StatusCode);
    }

    [Fact]
    public async Task Truncate_sends_content_length_but_half_the_body()
    {
        _server.Faults = new FaultOptions { TruncateRate = 1, AppliesTo = FaultTargets.Assets };
        using var response = await _client.GetAsync(new Uri(_href), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(FakeWorld.AssetBytes, response.Content.Headers.ContentLength);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[8192];
        long total = 0;
        var failed = false;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                total += read;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            failed = true;
        }

        Assert.True(failed || total < FakeWorld.AssetBytes, $"read {total} bytes without error");
        Assert.True(total <= FakeWorld.AssetBytes / 2, $"read {total} bytes");
        await Harness.WaitForAsync(() => _server.Stats.Snapshot().Recent.Any(r => r.Fault == "truncate"));
    }

    [Fact]
    public async Task Drop_connection_is_an_http_request_exception()
    {
        _server.Faults = new FaultOptions { DropConnectionRate = 1, AppliesTo = FaultTargets.Stac };
        await Assert.ThrowsAsync<HttpRequestException>(() => _client.GetAsync(_server.PlanetaryComputerStacRoot));
        await Harness.WaitForAsync(() => _server.Stats.Snapshot().ByStatus.ContainsKey(0));
        Assert.Equal(200, (int)(await _client.GetAsync(new Uri(_href))).StatusCode);
    }

    [Fact]
    public async Task Latency_and_bandwidth_wait_on_the_servers_clock_for_their_due_times()
    {
        var clock = new DelayRecordingClock();
        await using var server = await Harness.StartAsync(_world, new LocalCatalogOptions { Clock = clock, Faults = new FaultOptions { LatencyMs = 300 } });

        Assert.Equal(200, (int)(await _client.GetAsync(server.EarthSearchStacRoot)).StatusCode);
        Assert.Equal([TimeSpan.FromMilliseconds(300)], clock.Delays);
        await Harness.WaitForAsync(() => server.Stats.Snapshot().Recent.Any(r => r.Category == RequestCategory.Stac && r.DurationMs >= 300));

        // 100 KiB at 200 kB/s: the writer waits, chunk by chunk, until the clock reaches each chunk's due time, so
        // the waits add up to the due time of the last byte.
        server.Faults = new FaultOptions { BandwidthBytesPerSecond = 200_000, AppliesTo = FaultTargets.Assets };
        clock.ClearDelays();
        var bytes = await _client.GetByteArrayAsync(new Uri(server.BaseUri, _path));
        Assert.Equal(FakeWorld.AssetBytes, bytes.Length);
        var waited = clock.Delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d);
        Assert.True(clock.Delays.Count > 1, $"{clock.Delays.Count} waits");
        Assert.InRange(waited.TotalSeconds, (FakeWorld.AssetBytes / 200_000.0) - 0.001, (FakeWorld.AssetBytes / 200_000.0) + 0.001);
    }

    [Fact]
    public async Task Random_faults_are_deterministic_for_a_seed()
    {
        async Task<string> RunAsync()
        {
            _server.Faults = new FaultOptions { Error503Rate = 0.5, Seed = 42, AppliesTo = FaultTargets.Assets };
            var statuses = new StringBuilder();
            for (var i = 0; i < 16; i++)
            {
                statuses.Append((int)(await _client.GetAsync(new Uri(_href))).StatusCode).Append(' ');
            }

            return statuses.ToString();
        }

        var first = await RunAsync();
        var second = await RunAsync();
        Assert.Equal(first, second);
        Assert.Contains("503", first, StringComparison.Ordinal);
        Assert.Contains("200", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_by_path_category_and_reset()
    {
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_href)))
        {
            request.Headers.Range = new RangeHeaderValue(0, 999);
            await _client.SendAsync(request);
        }

        await _client.GetByteArrayAsync(new Uri(_href + "?ignored=query"));
        await _client.GetAsync(_server.PlanetaryComputerStacRoot);
        await Harness.WaitForAsync(() => _server.Stats.Snapshot().TotalRequests == 3);
        var stats = _server.Stats.Snapshot();
        Assert.Equal(3, stats.TotalRequests);
        Assert.Equal(new TrafficTotals(2, 1000 + FakeWorld.AssetBytes), stats.Path(_path));
        Assert.Equal(new TrafficTotals(2, 1000 + FakeWorld.AssetBytes), stats.Category(RequestCategory.Asset));
        Assert.Equal(1, stats.Category(RequestCategory.Stac).Requests);
        Assert.True(stats.Category(RequestCategory.Stac).BytesSent > 1000);
        var ranged = stats.Recent.First();
        Assert.Equal("bytes=0-999", ranged.Range);
        Assert.Equal(206, ranged.Status);
        Assert.Equal(_path, ranged.Path);
        Assert.DoesNotContain(stats.Recent, r => r.Path.Contains('?', StringComparison.Ordinal));
        lock (_log)
        {
            Assert.Contains(_log, l => l.Contains(_path, StringComparison.Ordinal) && l.Contains("-> 206", StringComparison.Ordinal));
        }

        for (var i = 0; i < 6; i++)
        {
            await _client.GetAsync(_server.EarthSearchStacRoot);
        }

        await Harness.WaitForAsync(() => _server.Stats.Snapshot().TotalRequests == 9);
        Assert.Equal(5, _server.Stats.Snapshot().Recent.Count);
        _server.ResetStats();
        var reset = _server.Stats.Snapshot();
        Assert.Equal(0, reset.TotalRequests);
        Assert.Empty(reset.Recent);
        Assert.Empty(reset.ByPath);
    }

    [Fact]
    public async Task Admin_endpoints_speak_json()
    {
        await _client.GetByteArrayAsync(new Uri(_href));
        await Harness.WaitForAsync(() => _server.Stats.Snapshot().TotalRequests == 1);
        var (statsResponse, stats) = await Harness.GetJsonAsync(_client, new Uri(_server.BaseUri, "/_admin/stats").ToString());
        Assert.Equal("application/json", statsResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, (long)stats!["totalRequests"]!);
        Assert.Equal(FakeWorld.AssetBytes, (long)stats["byPath"]![_path]!["bytesSent"]!);
        Assert.Equal(FakeWorld.AssetBytes, (long)stats["totalBytesSent"]!);

        using var put = new StringContent("""{"latencyMs": 5, "error503Rate": 0.25, "appliesTo": "assets, token", "seed": 9, "tokenLifetime": "00:10:00"}""", Encoding.UTF8, "application/json");
        var putResponse = await _client.PutAsync(new Uri(_server.BaseUri, "/_admin/faults"), put);
        Assert.Equal(200, (int)putResponse.StatusCode);
        Assert.Equal(new FaultOptions { LatencyMs = 5, Error503Rate = 0.25, AppliesTo = FaultTargets.Assets | FaultTargets.Token, Seed = 9, TokenLifetime = TimeSpan.FromMinutes(10) }, _server.Faults);
        var (_, faults) = await Harness.GetJsonAsync(_client, new Uri(_server.BaseUri, "/_admin/faults").ToString());
        Assert.Equal(0.25, (double)faults!["error503Rate"]!);

        using var bad = new StringContent("""{"error503Rate": 2}""", Encoding.UTF8, "application/json");
        Assert.Equal(400, (int)(await _client.PutAsync(new Uri(_server.BaseUri, "/_admin/faults"), bad)).StatusCode);

        var reset = await _client.PostAsync(new Uri(_server.BaseUri, "/_admin/reset"), null);
        Assert.Equal(204, (int)reset.StatusCode);
        var (_, after) = await Harness.GetJsonAsync(_client, new Uri(_server.BaseUri, "/_admin/stats").ToString());
        Assert.Equal(0, (long)after!["totalRequests"]!);
        Assert.Empty((JsonArray)after["recent"]!);
    }
}
