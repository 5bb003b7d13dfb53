using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Execution;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Retries;
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
    private readonly DelayRecordingTimeProvider _time = new();
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
        Assert.Contains(expired, Assert.Single(_signer.RejectedHrefs), StringComparison.Ordinal); // the signer can tell which token was refused
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
        // One attempt: the HEAD of GDAL's open and the header's range request sent with it (HeaderPrefetch), nothing after.
        var asked = _server.Requests.Where(r => r.PathAndQuery.StartsWith("/missing.tif", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, asked.Count);
        Assert.Single(asked, r => r.Method == "HEAD");
        Assert.Single(asked, r => r.Method == "GET" && r.Range == "bytes=0-65535");
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
    public async Task Used_up_row_budget_stops_a_rejected_read_after_its_first_attempt()
    {
        _server.Status = _ => 403;
        RetryBudget.Current = new RetryBudget(0, TimeSpan.FromMinutes(5));
        var reader = new AssetReader(_pool, _signer, Logger.None, time: _time);

        var ex = await Assert.ThrowsAsync<AssetReadException>(() => reader.ReadAsync(Asset(_href), ReadWindow, CancellationToken.None));

        Assert.Equal(FailureKind.Transient, ex.Kind);
        Assert.Equal("asset_read_retries_exhausted", ex.Reason);
        Assert.Contains("after 1 attempt(s) (the row's retry budget is used up)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _signer.SignCalls);
        Assert.Equal(0, _signer.InvalidateCalls);
        var first = "sig=" + CountingSigner.Signature(1);
        Assert.NotEmpty(_server.Requests);
        Assert.All(_server.Requests, r => Assert.Contains(first, r.PathAndQuery, StringComparison.Ordinal)); // one attempt's requests only
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task Used_up_row_budget_sends_no_more_requests_than_one_attempt()
    {
        // The same failing read once without retries, on a file of its own (GDAL caches per URL): what one attempt asks.
        _server.Status = r => r.Url!.AbsolutePath.EndsWith("-broken.tif", StringComparison.Ordinal) ? 501 : null;
        var single = _server.Add($"single-{Guid.NewGuid():N}-broken.tif", [1, 2, 3]);
        var budgeted = _server.Add($"budgeted-{Guid.NewGuid():N}-broken.tif", [1, 2, 3]);
        await Assert.ThrowsAsync<AssetReadException>(() => new AssetReader(_pool, new CountingSigner(), Logger.None, maxAttempts: 1).ReadAsync(Asset(single), ReadWindow, CancellationToken.None));
        var budget = new RetryBudget(0, TimeSpan.FromMinutes(5));
        RetryBudget.Current = budget;
        var reader = new AssetReader(_pool, _signer, Logger.None, maxAttempts: 3, time: _time);

        var ex = await Assert.ThrowsAsync<AssetReadException>(() => reader.ReadAsync(Asset(budgeted), ReadWindow, CancellationToken.None));

        Assert.Equal("asset_read_retries_exhausted", ex.Reason);
        Assert.Equal(1, _signer.SignCalls);
        var oneAttempt = _server.Requests.Count(r => r.PathAndQuery.StartsWith(single.AbsolutePath, StringComparison.Ordinal));
        Assert.InRange(oneAttempt, 1, 10);
        Assert.Equal(oneAttempt, _server.Requests.Count(r => r.PathAndQuery.StartsWith(budgeted.AbsolutePath, StringComparison.Ordinal)));
        Assert.Equal(0, budget.Taken);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task Rejected_token_takes_one_retry_from_the_row_budget_and_is_re_signed_without_waiting()
    {
        var expired = "sig=" + CountingSigner.Signature(1);
        _server.Status = r => r.Url!.Query.Contains(expired, StringComparison.Ordinal) ? 403 : null;
        var budget = new RetryBudget(12, TimeSpan.FromMinutes(5));
        RetryBudget.Current = budget;
        var reader = new AssetReader(_pool, _signer, Logger.None, time: _time);

        var result = await reader.ReadAsync(Asset(_href), ReadWindow, CancellationToken.None);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(1, budget.Taken);
        Assert.Equal(2, _signer.SignCalls);
        Assert.Equal(1, _signer.InvalidateCalls);
        AssertWindow(result.Value);
        Assert.All(_time.Delays, d => Assert.Equal(TimeSpan.Zero, d));
    }

    [Fact]
    public async Task Transient_failures_back_off_exponentially_and_the_third_attempt_succeeds()
    {
        _server.Status = _ => _signer.SignCalls < 3 ? 501 : null; // the first two attempts fail
        var budget = new RetryBudget(12, TimeSpan.FromMinutes(5));
        RetryBudget.Current = budget;
        var reader = new AssetReader(_pool, _signer, Logger.None, time: _time);

        var result = await reader.ReadAsync(Asset(_href), ReadWindow, CancellationToken.None);

        Assert.Equal(3, result.Attempts);
        Assert.Equal(2, budget.Taken);
        Assert.Equal(0, _signer.InvalidateCalls);
        AssertWindow(result.Value);
        var delays = _time.Delays;
        Assert.Equal(2, delays.Count);
        Assert.InRange(delays[0].TotalMilliseconds, 100, 300); // 200 ms x 2^0 x 0.5-1.5
        Assert.InRange(delays[1].TotalMilliseconds, 200, 600); // 200 ms x 2^1 x 0.5-1.5
    }

    [Fact]
    public async Task Transient_failures_stop_at_the_attempt_limit_even_with_budget_left()
    {
        _server.Status = _ => 501;
        var budget = new RetryBudget(12, TimeSpan.FromMinutes(5));
        RetryBudget.Current = budget;
        var reader = new AssetReader(_pool, _signer, Logger.None, time: _time);

        var ex = await Assert.ThrowsAsync<AssetReadException>(() => reader.ReadAsync(Asset(_href), ReadWindow, CancellationToken.None));

        Assert.Equal(FailureKind.Transient, ex.Kind);
        Assert.Equal("asset_read_retries_exhausted", ex.Reason);
        Assert.Contains("after 3 attempt(s): ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _signer.SignCalls);
        Assert.Equal(2, budget.Taken);
        Assert.Equal(2, _time.Delays.Count);
    }

    [Fact]
    public async Task File_that_is_not_a_tiff_is_retried_and_permanent_only_after_the_last_attempt()
    {
        var garbage = _server.Add($"garbage-{Guid.NewGuid():N}.tif", Enumerable.Repeat((byte)'x', 4096).ToArray());
        var reader = new AssetReader(_pool, _signer, Logger.None, time: _time);

        var ex = await Assert.ThrowsAsync<AssetReadException>(() => reader.ReadAsync(Asset(garbage), ReadWindow, CancellationToken.None));

        Assert.Equal(FailureKind.Permanent, ex.Kind);
        Assert.Equal("asset_unreadable", ex.Reason);
        Assert.Contains("after 3 attempt(s): ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not recognized", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _signer.SignCalls);
        Assert.Equal(2, _time.Delays.Count);
    }

    [Fact]
    public async Task File_not_recognised_when_the_row_budget_stops_its_retries_fails_as_transient()
    {
        var garbage = _server.Add($"garbage-{Guid.NewGuid():N}.tif", Enumerable.Repeat((byte)'x', 4096).ToArray());
        RetryBudget.Current = new RetryBudget(0, TimeSpan.FromMinutes(5));
        var reader = new AssetReader(_pool, _signer, Logger.None, time: _time);

        var ex = await Assert.ThrowsAsync<AssetReadException>(() => reader.ReadAsync(Asset(garbage), ReadWindow, CancellationToken.None));

        Assert.Equal(FailureKind.Transient, ex.Kind); // one cut header read must not mark the asset unreadable for good
        Assert.Equal("asset_read_retries_exhausted", ex.Reason);
        Assert.Contains("after 1 attempt(s) (the row's retry budget is used up)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _signer.SignCalls);
    }

    [Fact]
    public async Task A_failure_raised_by_the_work_on_the_dataset_is_never_retried_and_takes_no_budget()
    {
        var budget = new RetryBudget(12, TimeSpan.FromMinutes(5));
        RetryBudget.Current = budget;
        var reader = new AssetReader(_pool, _signer, Logger.None, time: _time);

        var ex = await Assert.ThrowsAsync<RowFailedException>(() => reader.ReadAsync<int>(
            Asset(_href), _ => throw new RowFailedException(FailureKind.Permanent, "not_cloud_optimized", "refused from the header"), CancellationToken.None));

        Assert.Equal("not_cloud_optimized", ex.Reason);
        Assert.Equal(1, _signer.SignCalls);
        Assert.Equal(0, budget.Taken);
        Assert.Empty(_time.Delays);
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
