using System.Net.Http.Headers;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>HTTP range behaviour of asset reads (single, multi, suffix, unsatisfiable, HEAD, validators).</summary>
public sealed class RangeRequestTests : IClassFixture<RangeFixture>
{
    private readonly HttpClient _client;
    private readonly LocalCatalogServer _server;
    private readonly string _href;
    private readonly byte[] _local;

    public RangeRequestTests(RangeFixture fixture)
    {
        _client = fixture.Client;
        _server = fixture.Server;
        var scene = fixture.World.S2.Single();
        var item = _client.GetStringAsync(new Uri($"{_server.EarthSearchStacRoot}/collections/sentinel-2-l2a/items")).GetAwaiter().GetResult();
        _href = (string)Harness.Features(System.Text.Json.Nodes.JsonNode.Parse(item)!).Single()["assets"]!["green"]!["href"]!;
        _local = File.ReadAllBytes(Path.Combine(fixture.World.Root, scene.Assets.Single(a => a.Key == "B03").RelativePath));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? range, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_href));
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        configure?.Invoke(request);
        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task No_range_is_200_with_the_whole_file()
    {
        var response = await SendAsync(HttpMethod.Get, null);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("image/tiff", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(_local, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Single_range_is_206_with_content_range()
    {
        var response = await SendAsync(HttpMethod.Get, "bytes=16384-32767");
        Assert.Equal(206, (int)response.StatusCode);
        Assert.Equal($"bytes 16384-32767/{_local.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(16384, response.Content.Headers.ContentLength);
        Assert.Equal(_local[16384..32768], await response.Content.ReadAsByteArrayAsync());

        var open = await SendAsync(HttpMethod.Get, $"bytes={_local.Length - 10}-");
        Assert.Equal(_local[^10..], await open.Content.ReadAsByteArrayAsync());
        var past = await SendAsync(HttpMethod.Get, $"bytes={_local.Length - 10}-{_local.Length + 500}");
        Assert.Equal(_local[^10..], await past.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Multi_range_is_206_multipart_byteranges_with_each_part()
    {
        var response = await SendAsync(HttpMethod.Get, "bytes=0-99,200-299, 50000-51023");
        Assert.Equal(206, (int)response.StatusCode);
        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/byteranges", contentType.MediaType);
        var boundary = contentType.Parameters.Single(p => p.Name == "boundary").Value!;
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(response.Content.Headers.ContentLength, body.Length);
        var parts = MultipartByteRanges.Parse(body, boundary);
        Assert.Equal(3, parts.Count);
        Assert.Equal($"bytes 0-99/{_local.Length}", parts[0].ContentRange);
        Assert.Equal(_local[0..100], parts[0].Body);
        Assert.Equal($"bytes 200-299/{_local.Length}", parts[1].ContentRange);
        Assert.Equal(_local[200..300], parts[1].Body);
        Assert.Equal(_local[50000..51024], parts[2].Body);
        Assert.All(parts, p => Assert.Equal("image/tiff", p.ContentType));
    }

    [Fact]
    public async Task Suffix_range_returns_the_last_bytes()
    {
        var response = await SendAsync(HttpMethod.Get, "bytes=-100");
        Assert.Equal(206, (int)response.StatusCode);
        Assert.Equal($"bytes {_local.Length - 100}-{_local.Length - 1}/{_local.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(_local[^100..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Unsatisfiable_range_is_416()
    {
        var response = await SendAsync(HttpMethod.Get, $"bytes={_local.Length}-{_local.Length + 10}");
        Assert.Equal(416, (int)response.StatusCode);
        Assert.Equal($"bytes */{_local.Length}", response.Content.Headers.ContentRange!.ToString());
        var malformed = await SendAsync(HttpMethod.Get, "bytes=abc");
        Assert.Equal(200, (int)malformed.StatusCode);
    }

    [Fact]
    public async Task Head_has_length_accept_ranges_etag_and_last_modified()
    {
        var head = await SendAsync(HttpMethod.Head, null);
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(_local.Length, head.Content.Headers.ContentLength);
        Assert.Equal("bytes", head.Headers.AcceptRanges.Single());
        var etag = head.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.NotNull(head.Content.Headers.LastModified);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var again = await SendAsync(HttpMethod.Get, "bytes=0-0");
        Assert.Equal(etag, again.Headers.ETag);

        var notModified = await SendAsync(HttpMethod.Get, null, r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(304, (int)notModified.StatusCode);

        var stale = await SendAsync(HttpMethod.Get, "bytes=0-9", r => r.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"other\"")));
        Assert.Equal(200, (int)stale.StatusCode);
        var fresh = await SendAsync(HttpMethod.Get, "bytes=0-9", r => r.Headers.IfRange = new RangeConditionHeaderValue(etag));
        Assert.Equal(206, (int)fresh.StatusCode);
    }

    [Fact]
    public async Task Concurrent_range_reads_each_get_their_own_bytes()
    {
        var tasks = Enumerable.Range(0, 24).Select(async i =>
        {
            var first = i * 4000;
            var response = await SendAsync(HttpMethod.Get, $"bytes={first}-{first + 2999}");
            Assert.Equal(206, (int)response.StatusCode);
            Assert.Equal(_local[first..(first + 3000)], await response.Content.ReadAsByteArrayAsync());
        });
        await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Paths_outside_the_registered_assets_are_not_served()
    {
        var traversal = await _client.GetAsync(new Uri(_server.BaseUri, "/s3/sentinel-cogs/..%2F..%2Fetc%2Fpasswd"));
        Assert.Equal(404, (int)traversal.StatusCode);
        var unknown = await _client.GetAsync(new Uri(_server.BaseUri, "/s3/sentinel-cogs/s2/whatever.tif"));
        Assert.Equal(404, (int)unknown.StatusCode);
    }
}
