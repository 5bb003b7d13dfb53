using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Gdal.Metering;
using Axion.TileBuilder.Pipeline.Execution;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Stac.Signing;
using Polly;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>
/// Opens an asset through <c>/vsicurl/</c> on a dedicated I/O thread and runs a window read on it,
/// signing the href first (afresh for every attempt). The whole read is retried by <see cref="AssetReadPolicy"/>
/// when GDAL's own retries cannot help: an expired or rejected token (403/409: invalidate, re-sign, retry at once)
/// and transient failures such as truncated bodies or reset connections (backoff, then retry), each retry taken from
/// the row's <see cref="Axion.TileBuilder.Retries.RetryBudget"/>.
/// Every attempt reads through its own metered handle (<see cref="MeteredFileSystem"/>): its bytes and requests are
/// counted there, charged to the row in flight (<see cref="RowCost.Current"/>), and a read that would pass its byte
/// budget is stopped at the request that would pass it (permanent <c>read_budget_exceeded</c>, not retried).
/// </summary>
public sealed class AssetReader
{
    private readonly BlockingIoPool _pool;
    private readonly IHrefSigner _signer;
    private readonly ResiliencePipeline<AssetReadFailure?> _retry;

    /// <param name="pool">Dedicated threads for the blocking GDAL calls.</param>
    /// <param name="signer">Signs hrefs (or passes them through).</param>
    /// <param name="log">Logger.</param>
    /// <param name="maxAttempts">Attempts per read, including the first. Default 3 (<see cref="AssetReadPolicy.DefaultMaxAttempts"/>).</param>
    /// <param name="time">Clock of the waits between attempts; the system clock by default.</param>
    public AssetReader(BlockingIoPool pool, IHrefSigner signer, ILogger log, int maxAttempts = AssetReadPolicy.DefaultMaxAttempts, TimeProvider? time = null)
    {
        _pool = pool;
        _signer = signer;
        MaxAttempts = maxAttempts;
        _retry = AssetReadPolicy.Create(maxAttempts, signer, log, time ?? TimeProvider.System);
    }

    /// <summary>Attempts per read, including the first.</summary>
    public int MaxAttempts { get; }

    /// <summary>Reads with <paramref name="read"/> on an open dataset of the asset; returns the value and what it cost.</summary>
    public Task<AssetReadResult<T>> ReadAsync<T>(AssetRef asset, Func<GdalDataset, T> read, CancellationToken cancellationToken) =>
        ReadAsync(asset, (ds, _) => read(ds), null, cancellationToken);

    /// <summary>
    /// Reads with <paramref name="read"/> on an open dataset of the asset within a byte budget; returns the value and what
    /// all attempts cost. <paramref name="read"/> gets the attempt's meter, so it can set the budget once it knows it
    /// (e.g. from the header, before reading pixels).
    /// </summary>
    /// <param name="asset">The asset.</param>
    /// <param name="read">The work on the open dataset (blocking, on an I/O thread).</param>
    /// <param name="budgetBytes">Most bytes one attempt may ask for; null for no limit.</param>
    /// <param name="cancellationToken">Cancels between attempts.</param>
    /// <exception cref="AssetReadException">The read failed after its retries, or passed its budget (<c>read_budget_exceeded</c>).</exception>
    public async Task<AssetReadResult<T>> ReadAsync<T>(AssetRef asset, Func<GdalDataset, ReadMeter, T> read, long? budgetBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(read);
        var ledger = RowCost.Current?.Ledger;
        var curlPath = "/vsicurl/" + asset.Href.GetLeftPart(UriPartial.Path);
        long bytes = 0, requests = 0;
        var attempt = 0;
        T value = default!;
        var failure = await _retry.ExecuteAsync(
            async token =>
            {
                token.ThrowIfCancellationRequested();
                attempt++;
                var signed = await _signer.SignAsync(asset.Href.AbsoluteUri, asset.Collection, token);
                var meter = new ReadMeter(ledger, budgetBytes);
                using var metered = MeteredFileSystem.Open(meter, "/vsicurl/" + signed);
                try
                {
                    value = await _pool.RunAsync(
                        () =>
                        {
                            using var dataset = GdalDataset.Open(metered.Path, GdalAccess.ReadOnly, ["GTiff"]);
                            return read(dataset, meter);
                        },
                        token);
                    ThrowIfOverBudget(asset, meter, attempt);
                    return null;
                }
                catch (GdalException caught)
                {
                    ThrowIfOverBudget(asset, meter, attempt);
                    return new AssetReadFailure(asset, curlPath, ledger, meter.OpenFailure ?? caught, attempt, signed);
                }
                finally
                {
                    bytes += meter.Bytes;
                    requests += meter.Requests;
                }
            },
            cancellationToken);

        if (failure is not null)
        {
            throw Failed(failure);
        }

        return new AssetReadResult<T>(value, bytes, requests, attempt);
    }

    /// <summary>
    /// The error of a read whose last attempt failed. Permanent <c>asset_unreadable</c> for a permanent failure, except
    /// a file GDAL did not recognise before the last attempt (the row's retry budget stopped it, so it may have been a
    /// cut header read); else transient <c>asset_read_retries_exhausted</c>.
    /// </summary>
    private AssetReadException Failed(AssetReadFailure failure)
    {
        var lastAttempt = failure.Attempt >= MaxAttempts;
        var permanent = failure.Kind == FailureKind.Permanent && (lastAttempt || !IsUnrecognizedFormat(failure.Error));
        var budget = failure.IsRetryable && !lastAttempt ? " (the row's retry budget is used up)" : string.Empty;
        return new AssetReadException(
            permanent ? FailureKind.Permanent : FailureKind.Transient,
            permanent ? "asset_unreadable" : "asset_read_retries_exhausted",
            $"reading {failure.Asset.AssetKey} of {failure.Asset.ItemId} failed after {failure.Attempt} attempt(s){budget}: {failure.Message}",
            null);
    }

    /// <summary>The permanent failure of a read that was stopped at its budget (checked before any other classification).</summary>
    private static void ThrowIfOverBudget(AssetRef asset, ReadMeter meter, int attempt)
    {
        if (meter.Refusal is { } refusal)
        {
            throw new AssetReadException(
                FailureKind.Permanent,
                "read_budget_exceeded",
                $"reading {asset.AssetKey} of {asset.ItemId} was stopped in attempt {attempt}: {refusal} (the window's COG blocks times --max-read-factor, plus {ReadBudget.SlackBytes} bytes): the file is probably not a cloud-optimized GeoTIFF, or GDAL fell back to reading much more than the window");
        }
    }

    /// <summary>GDAL could not recognise the file (no HTTP status in the message): not a TIFF, or its header read failed.</summary>
    internal static bool IsUnrecognizedFormat(GdalException ex) =>
        ex.HttpStatusCode is null
        && (ex.Message.Contains("not recognized as", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("not a TIFF", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("TIFFReadDirectory", StringComparison.Ordinal));

    /// <summary>403/409 on a signed href: the token expired or was rejected; a new token may fix it.</summary>
    internal static bool IsAuthFailure(GdalException ex) =>
        ex.HttpStatusCode is 403 or 409
        || (ex.HttpStatusCode is null && (ex.Message.Contains(": 403", StringComparison.Ordinal) || ex.Message.Contains(": 409", StringComparison.Ordinal)));

    /// <summary>
    /// Permanent: 404/410/400 or a file that is not a GeoTIFF (<c>ReadAsync</c> still retries the latter,
    /// see <see cref="IsUnrecognizedFormat"/>). Everything else that goes wrong over
    /// HTTP (5xx, 429, resets, truncated bodies, token rejections) is worth another attempt.
    /// </summary>
    internal static FailureKind Classify(GdalException ex)
    {
        if (IsAuthFailure(ex))
        {
            return FailureKind.Transient;
        }

        if (ex.HttpStatusCode is 400 or 404 or 410)
        {
            return FailureKind.Permanent;
        }

        return IsUnrecognizedFormat(ex) ? FailureKind.Permanent : FailureKind.Transient;
    }
}
