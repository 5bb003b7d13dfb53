using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Execution;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Tests.Reading;

/// <summary>
/// An open over HTTP costs one round trip: the file's first 64 KB are asked for together with the HEAD request of GDAL's
/// <c>/vsicurl/</c> open, the reads inside them are served from memory, and the blocks are read by GDAL (the metered file
/// system's header prefetch), through <see cref="AssetReader"/> against a loopback server.
/// </summary>
public sealed class HeaderPrefetchTests : IDisposable
{
    private const int HeaderBytes = 65536;
    private const int Width = 200;
    private const int Height = 300;
    private readonly TempDirectory _dir = new();
    private readonly LoopbackFileServer _server = new();
    private readonly BlockingIoPool _pool = new(2, "header-prefetch-tests");
    private readonly CountingSigner _signer = new();
    private readonly Uri _href;
    private readonly long _fileBytes;

    public HeaderPrefetchTests()
    {
        var path = TestRasters.Write(
            _dir.File("B04.tif"),
            Width,
            Height,
            new GeoTransform(600000, 10, 0, 5700000, 0, -10),
            creationOptions: ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"]);
        var bytes = File.ReadAllBytes(path);
        _fileBytes = bytes.Length;
        _href = _server.Add($"B04-{Guid.NewGuid():N}.tif", bytes); // unique: GDAL caches by URL, and ports get reused
    }

    public void Dispose()
    {
        _server.Dispose();
        _pool.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_header_is_asked_for_while_the_HEAD_request_of_the_open_is_still_unanswered()
    {
        // The HEAD is answered only once the header's range request has arrived: an open that waits for its HEAD before
        // asking for the header gets no answer in 10 s, and the test fails.
        using var headerAsked = new ManualResetEventSlim();
        var headAnsweredAfterHeader = false;
        _server.Hold = request =>
        {
            if (request.HttpMethod == "GET" && request.Headers["Range"] == $"bytes=0-{HeaderBytes - 1}")
            {
                headerAsked.Set();
            }
            else if (request.HttpMethod == "HEAD")
            {
                headAnsweredAfterHeader = headerAsked.Wait(TimeSpan.FromSeconds(10));
            }
        };
        var reader = new AssetReader(_pool, _signer, Logger.None);

        var result = await reader.ReadAsync(Asset(), ReadFarWindow, CancellationToken.None);

        AssertFarWindow(result.Value);
        Assert.True(headAnsweredAfterHeader);
    }

    [Fact]
    public async Task The_header_is_fetched_once_and_only_the_blocks_after_it_by_gdal_until_gdal_cache_of_the_file_is_dropped()
    {
        Assert.True(_fileBytes > HeaderBytes + 20_000, $"the test file ({_fileBytes} bytes) must have blocks past the header");
        var reader = new AssetReader(_pool, _signer, Logger.None);

        var first = await reader.ReadAsync(Asset(), ReadFarWindow, CancellationToken.None);
        var second = await reader.ReadAsync(Asset(), ReadFarWindow, CancellationToken.None); // signed afresh: another URL, the same file

        AssertFarWindow(first.Value);
        AssertFarWindow(second.Value);
        Assert.Equal(2, _signer.SignCalls);
        var gets = _server.Requests.Where(r => r.Method == "GET").ToList();
        var header = Assert.Single(gets, r => r.Range!.StartsWith("bytes=0-", StringComparison.Ordinal));
        Assert.Equal($"bytes=0-{HeaderBytes - 1}", header.Range);
        Assert.Equal(206, header.Status);
        Assert.Equal(HeaderBytes, header.BodyBytes);
        Assert.All(gets.Where(r => !ReferenceEquals(r, header)), r => Assert.True(Start(r) >= HeaderBytes, $"GDAL asked for {r.Range} again"));
        Assert.Contains(gets, r => Start(r) >= HeaderBytes); // the far window's blocks

        // A retry drops GDAL's cached ranges of the file, and with them the header fetched at the open.
        GdalRuntime.ClearCurlCache("/vsicurl/" + _href.GetLeftPart(UriPartial.Path));
        var third = await reader.ReadAsync(Asset(), ReadFarWindow, CancellationToken.None);

        AssertFarWindow(third.Value);
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "GET" && r.Range!.StartsWith("bytes=0-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_server_that_ignores_the_range_leaves_the_header_to_gdal()
    {
        var answered = 0;
        _server.IgnoreRange = request => request.Headers["Range"]!.StartsWith("bytes=0-", StringComparison.Ordinal) && Interlocked.Increment(ref answered) == 1;
        var reader = new AssetReader(_pool, _signer, Logger.None);

        var result = await reader.ReadAsync(Asset(), ReadFarWindow, CancellationToken.None);

        AssertFarWindow(result.Value);
        var fromStart = _server.Requests.Where(r => r.Method == "GET" && r.Range!.StartsWith("bytes=0-", StringComparison.Ordinal)).ToList();
        Assert.Equal([200, 206], fromStart.Select(r => r.Status)); // the prefetch's whole-file answer is dropped; GDAL asks itself
    }

    private static long Start(RecordedRequest request) => long.Parse(request.Range!["bytes=".Length..].Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);

    private AssetRef Asset() => new("S2A_MSIL2A_20240601T103031_R108_T31UFQ", "B04", _href, "sentinel-2-l2a");

    /// <summary>20 x 10 pixels at column 150, row 280: blocks in the last rows of the file, far past its first 64 KB.</summary>
    private static ushort[] ReadFarWindow(GdalDataset dataset)
    {
        var buffer = new ushort[20 * 10];
        dataset.GetBand(1).Read<ushort>(150, 280, 20, 10, buffer);
        return buffer;
    }

    private static void AssertFarWindow(ushort[] values)
    {
        for (var r = 0; r < 10; r++)
        {
            for (var c = 0; c < 20; c++)
            {
                Assert.Equal(TestRasters.Value(150 + c, 280 + r), values[(r * 20) + c]);
            }
        }
    }
}
