using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Execution;
using Axion.TileBuilder.Stac.Security;
using Axion.TileBuilder.Stac.Signing;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>
/// Opens an asset through <c>/vsicurl/</c> on a dedicated I/O thread and runs a window read on it,
/// signing the href first. The whole read is retried when GDAL's own retries cannot help:
/// an expired or rejected token (403/409: re-sign, then retry) and transient failures such as
/// truncated bodies or reset connections (backoff, then retry).
/// </summary>
public sealed class AssetReader
{
    private readonly BlockingIoPool _pool;
    private readonly IHrefSigner _signer;
    private readonly ILogger _log;
    private readonly NetworkStatsTracker _stats;

    /// <param name="pool">Dedicated threads for the blocking GDAL calls.</param>
    /// <param name="signer">Signs hrefs (or passes them through).</param>
    /// <param name="log">Logger.</param>
    /// <param name="maxAttempts">Attempts per read, including the first. Default 4.</param>
    /// <param name="stats">Counts bytes and requests per asset.</param>
    public AssetReader(BlockingIoPool pool, IHrefSigner signer, ILogger log, NetworkStatsTracker stats, int maxAttempts = 4)
    {
        _pool = pool;
        _stats = stats;
        _signer = signer;
        _log = log;
        MaxAttempts = maxAttempts;
    }

    /// <summary>Attempts per read, including the first.</summary>
    public int MaxAttempts { get; }

    /// <summary>Reads with <paramref name="read"/> on an open dataset of the asset; returns the value and what it cost.</summary>
    public async Task<AssetReadResult<T>> ReadAsync<T>(AssetRef asset, Func<GdalDataset, T> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var signed = await _signer.SignAsync(asset.Href.AbsoluteUri, asset.Collection, cancellationToken);
            var path = "/vsicurl/" + signed;
            try
            {
                var (value, bytes, requests) = await _pool.RunAsync(
                    () => _stats.Measure(asset.Href, () =>
                    {
                        using var dataset = GdalDataset.Open(path, GdalAccess.ReadOnly, ["GTiff"]);
                        return read(dataset);
                    }),
                    cancellationToken);
                return new AssetReadResult<T>(value, bytes, requests, attempt);
            }
            catch (GdalException ex)
            {
                var kind = Classify(ex);
                var message = SecretRedactor.Redact(ex.Message);

                // "Not recognized as a supported format" without an HTTP status is ambiguous over /vsicurl/:
                // a dropped connection or a cut body on the header read looks the same as a file that is not
                // a GeoTIFF. Retry it like a transient failure; only when every attempt says so is it permanent.
                if (attempt >= MaxAttempts || (kind == FailureKind.Permanent && !IsUnrecognizedFormat(ex)))
                {
                    var reason = kind == FailureKind.Permanent ? "asset_unreadable" : "asset_read_retries_exhausted";
                    throw new AssetReadException(
                        kind,
                        reason,
                        $"reading {asset.AssetKey} of {asset.ItemId} failed after {attempt} attempt(s): {message}",
                        null);
                }

                if (IsAuthFailure(ex))
                {
                    _log.Debug("Token rejected reading {Asset} of {Item}; re-signing ({Attempt}/{Max})", asset.AssetKey, asset.ItemId, attempt, MaxAttempts);
                    _signer.Invalidate(asset.Collection);
                }
                else
                {
                    _log.Debug("Transient read failure on {Asset} of {Item}: {Message}; retrying ({Attempt}/{Max})", asset.AssetKey, asset.ItemId, message, attempt, MaxAttempts);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble())), cancellationToken);
                }

                // Drop whatever GDAL cached for this file (a truncated block, a failed HEAD).
                GdalRuntime.ClearCurlCache("/vsicurl/" + asset.Href.GetLeftPart(UriPartial.Path));
            }
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
    /// Permanent: 404/410/400 or a file that is not a GeoTIFF (<see cref="ReadAsync"/> still retries the latter,
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
