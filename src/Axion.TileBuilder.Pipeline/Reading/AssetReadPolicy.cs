using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Retries;
using Axion.TileBuilder.Stac.Signing;
using Polly;
using Polly.Retry;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>
/// THE retry policy of an asset read (open + window read of one asset), a Polly pipeline built once per
/// <see cref="AssetReader"/>. The callback returns null on success or the attempt's <see cref="AssetReadFailure"/>.
/// A failure is retried when it is retryable (<see cref="AssetReadFailure.IsRetryable"/>), it was not the last of
/// <c>maxAttempts</c>, and the row's ambient <see cref="RetryBudget"/> gives one more retry (taken exactly once per
/// retry). Before a retry (<c>OnRetry</c>) the collection's token is invalidated on 403/409, so the next attempt signs
/// the href afresh, and GDAL's cached ranges of the file are dropped. 403/409 is retried at once; other failures after
/// <see cref="BaseDelay"/> × 2^(n-1) × a random 0.5-1.5 (n = the retry's number).
/// </summary>
internal static class AssetReadPolicy
{
    /// <summary>Attempts per read, the first included, unless the reader is given another number: 3.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>The wait before the first retry of a transient failure, before jitter: 200 ms.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Builds the pipeline.</summary>
    /// <param name="maxAttempts">Attempts per read, the first included (at least 1).</param>
    /// <param name="signer">Its token for the asset's collection is invalidated before a retry after 403/409.</param>
    /// <param name="log">Receives a debug line per retry and one when the row's retry budget refuses a retry.</param>
    /// <param name="time">Clock of the waits between attempts.</param>
    public static ResiliencePipeline<AssetReadFailure?> Create(int maxAttempts, IHrefSigner signer, ILogger log, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var builder = new ResiliencePipelineBuilder<AssetReadFailure?> { TimeProvider = time };
        if (maxAttempts == 1)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions<AssetReadFailure?>
        {
            MaxRetryAttempts = maxAttempts - 1,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, maxAttempts, log)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(args.Outcome.Result!, args.AttemptNumber)),
            OnRetry = args =>
            {
                var failure = args.Outcome.Result!;
                if (failure.IsAuthFailure)
                {
                    log.Debug("Token rejected reading {Asset} of {Item}; re-signing ({Attempt}/{Max})", failure.Asset.AssetKey, failure.Asset.ItemId, failure.Attempt, maxAttempts);
                    signer.Invalidate(failure.Asset.Collection, failure.SignedHref);
                }
                else
                {
                    log.Debug("Transient read failure on {Asset} of {Item}: {Message}; retrying in {Delay} ms ({Attempt}/{Max})", failure.Asset.AssetKey, failure.Asset.ItemId, failure.Message, (int)args.RetryDelay.TotalMilliseconds, failure.Attempt, maxAttempts);
                }

                // Drop whatever GDAL cached for this file (a truncated block, a failed HEAD).
                GdalRuntime.ClearCurlCache(failure.CurlPath);
                failure.Ledger?.Forget(failure.CurlPath);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    /// <summary>
    /// Whether a failed attempt is retried: it failed with a retryable <see cref="AssetReadFailure"/> (exceptions, such
    /// as cancellation or <c>read_budget_exceeded</c>, never are), it was not the last attempt, and the row's retry
    /// budget gives one more retry (taken here, exactly once per retry).
    /// </summary>
    /// <param name="outcome">What the attempt gave.</param>
    /// <param name="attemptNumber">Zero-based number of the attempt that failed.</param>
    /// <param name="maxAttempts">Attempts allowed, the first included.</param>
    /// <param name="log">Receives a line when the budget refuses a retry.</param>
    internal static bool ShouldRetry(Outcome<AssetReadFailure?> outcome, int attemptNumber, int maxAttempts, ILogger log)
    {
        if (outcome.Exception is not null || outcome.Result is not { IsRetryable: true } failure || attemptNumber + 1 >= maxAttempts)
        {
            return false;
        }

        if (RetryBudget.TryTakeAmbient())
        {
            return true;
        }

        log.Debug("Not retrying the read of {Asset} of {Item} after attempt {Attempt}: the row's retry budget is used up", failure.Asset.AssetKey, failure.Asset.ItemId, failure.Attempt);
        return false;
    }

    /// <summary>The wait before a retry: none after 403/409 (a new token is all it needs), else exponential with jitter.</summary>
    /// <param name="failure">The failed attempt.</param>
    /// <param name="attemptNumber">Zero-based number of the attempt that failed.</param>
    internal static TimeSpan Delay(AssetReadFailure failure, int attemptNumber) => failure.IsAuthFailure
        ? TimeSpan.Zero
        : BaseDelay * (Math.Pow(2, attemptNumber) * (0.5 + Random.Shared.NextDouble()));
}
