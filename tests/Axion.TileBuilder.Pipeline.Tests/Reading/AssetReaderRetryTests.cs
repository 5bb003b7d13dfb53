using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Execution;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Tests.Reading;

/// <summary>AssetReader against a loopback HTTP server through GDAL's real /vsicurl/.</summary>
public sealed class AssetReaderRetryTests : IDisposable
{
    private const string Collection = "sentinel-2-l2a";
    private const int Size = 120;
    private readonly TempDirectory _dir = new();
    private readonly LoopbackFileServer _server = new();
    private readonly BlockingIoPool _pool = new(2, "asset-reader-tests");
    private readonly CountingSigner _signer = new();
    private readonly Uri _href;

    public AssetReaderRetryTests()
    {
        var path = TestRasters.Write(
            _dir.File("B04.tif"),
            Size,
            Size,
            new GeoTransform(600000, 10, 0, 5700000, 0, -10),
            creationOptions: ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"]);
        _href = _server.Add($"B04-{Guid.NewGuid():N}.tif", File.ReadAllBytes(path)); // unique: GDAL caches by URL, and ports get reused
    }

    public void Dispose()
    {
        _server.Dispose();
        _pool.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Rejected_token_is_invalidated_once_then_the_read_succeeds_with_a_new_signature()
    {
        var expired = "sig=" + CountingSigner.Signature(1);
        _server.Status = r => r.Url!.Query.Contains(expired, StringComparison.Ordinal) ? 403 : null;
        var reader = new AssetReader(_pool, _signer, Logger.None);

        var result = await reader.ReadAsync(Asset(_href), ReadWindow, CancellationToken.None);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, _signer.SignCalls);
        Assert.Equal(1, _signer.InvalidateCalls);
        Assert.Equal([Collection], _signer.InvalidatedCollections);
        AssertWindow(result.Value);
        var requests = _server.Requests;
        Assert.Contains(requests, r => r.Status == 403 && r.PathAndQuery.Contains(expired, StringComparison.Ordinal));
        var fresh = "sig=" + CountingSigner.Signature(2);
        Assert.All(requests.Where(r => r.Status is 200 or 206), r => Assert.Contains(fresh, r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Successful_read_reports_the_bytes_gdal_downloaded()
    {
        var reader = new AssetReader(_pool, _signer, Logger.None);

        var result = await reader.ReadAsync(Asset(_href), ReadWindow, CancellationToken.None);

        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, _signer.SignCalls);
        Assert.Equal(0, _signer.InvalidateCalls);
        AssertWindow(result.Value);
        var gets = _server.Requests.Where(r => r.Method == "GET").ToList();
        Assert.NotEmpty(gets);
        Assert.Equal(gets.Sum(r => r.BodyBytes), result.Bytes);
        // GDAL's operations: the HEAD of the open plus the reads (a parallel multi-range read counts once).
        Assert.InRange(result.Requests, 1, _server.Requests.Count);
    }

    [Fact]
    public async Task Missing_asset_fails_at_once_as_permanent_without_leaking_the_signature()
    {
        var reader = new AssetReader(_pool, _signer, Logger.None);
        var missing = new Uri(_server.BaseUri, "missing.tif");

        var ex = await Assert.ThrowsAsync<AssetReadException>(() => reader.ReadAsync(Asset(missing), ReadWindow, CancellationToken.None));

        Assert.Equal(FailureKind.Permanent, ex.Kind);
        Assert.Equal("asset_unreadable", ex.Reason);
        Assert.Equal(1, _signer.SignCalls);
        Assert.Equal(0, _signer.InvalidateCalls);
        Assert.Contains("after 1 attempt(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CountingSigner.Signature(1), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=secret", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests, r => r.PathAndQuery.StartsWith("/missing.tif", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_rejected_on_every_attempt_exhausts_the_retries_as_transient()
    {
        _server.Status = _ => 403;
        var reader = new AssetReader(_pool, _signer, Logger.None, maxAttempts: 3);

        var ex = await Assert.ThrowsAsync<AssetReadException>(() => reader.ReadAsync(Asset(_href), ReadWindow, CancellationToken.None));

        Assert.Equal(FailureKind.Transient, ex.Kind);
        Assert.Equal("asset_read_retries_exhausted", ex.Reason);
        Assert.Contains("after 3 attempt(s)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _signer.SignCalls);
        Assert.Equal(2, _signer.InvalidateCalls);
        Assert.DoesNotContain("sig=secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pre_cancelled_token_signs_and_reads_nothing()
    {
        var reader = new AssetReader(_pool, _signer, Logger.None);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(Asset(_href), ReadWindow, cts.Token));

        Assert.Equal(0, _signer.SignCalls);
        Assert.Empty(_server.Requests);
    }

    private static AssetRef Asset(Uri href) => new("S2A_MSIL2A_20240601T103031_R108_T31UFQ", "B04", href, Collection);

    private static ushort[] ReadWindow(GdalDataset dataset)
    {
        var buffer = new ushort[20 * 10];
        dataset.GetBand(1).Read<ushort>(40, 70, 20, 10, buffer);
        return buffer;
    }

    private static void AssertWindow(ushort[] values)
    {
        for (var r = 0; r < 10; r++)
        {
            for (var c = 0; c < 20; c++)
            {
                Assert.Equal(TestRasters.Value(40 + c, 70 + r), values[(r * 20) + c]);
            }
        }
    }
}
