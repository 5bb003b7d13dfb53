using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Retries;

namespace Axion.TileBuilder.Storage.Internals;

/// <summary>
/// The one retry loop of the stores: transient failures (as the store classifies them) are retried up to
/// <see cref="ObjectStoreOptions.MaxAttempts"/> with exponential backoff and jitter, each retry taken from the
/// ambient <see cref="RetryBudget"/>. The final failure becomes an <see cref="ObjectStoreException"/> whose
/// message is scrubbed of secrets.
/// </summary>
internal sealed class StorageRetry(ObjectStoreOptions options, Func<Exception, StorageFailure> classify, SecretScrubber scrubber)
{
    /// <summary>Runs <paramref name="action"/> (given the 1-based attempt number) until it succeeds or may not be retried.</summary>
    /// <param name="operation">What is done, for messages: <c>upload of 'a.npz' to az://c/p</c>.</param>
    /// <param name="action">One attempt; receives the 1-based attempt number.</param>
    /// <param name="cancellationToken">Stops waiting and attempting; never retried.</param>
    public async Task<T> RunAsync<T>(string operation, Func<int, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                if (ex is AxionException and not ObjectStoreException)
                {
                    throw; // Local-disk failures (OutputWriteException) and the like keep their own reason.
                }

                var failure = ex is ObjectStoreException known
                    ? new StorageFailure(known.Kind, known.Reason, known.Message)
                    : classify(ex);
                var detail = scrubber.Scrub(failure.Detail);
                if (!failure.IsTransient || attempt >= options.MaxAttempts || !RetryBudget.TryTakeAmbient())
                {
                    var tries = attempt == 1 ? "1 attempt" : $"{attempt} attempts";
                    throw new ObjectStoreException(failure.Kind, failure.Reason, $"{operation} failed after {tries}: {detail}", ex);
                }

                var delay = Delay(attempt);
                options.Log?.Invoke($"{operation}: {detail}; retrying in {delay.TotalMilliseconds:0} ms ({attempt + 1}/{options.MaxAttempts})");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>First delay x 2^(attempt-1) x random 0.5-1.5, capped at the maximum.</summary>
    private TimeSpan Delay(int attempt)
    {
        var exponential = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
#pragma warning disable CA5394 // Jitter, not security.
        var jittered = exponential * (0.5 + Random.Shared.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxRetryDelay.TotalMilliseconds));
    }
}
