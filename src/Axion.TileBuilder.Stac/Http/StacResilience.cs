using System.Globalization;
using System.Net;
using Axion.TileBuilder.Retries;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// Builds the Polly pipeline for catalog HTTP: retry (exponential backoff with jitter, honouring
/// <c>Retry-After</c>) around a circuit breaker. Build one pipeline per host so a dead host fails
/// fast without blocking others (<c>StacClient</c> and the signer do that). Every retry is first taken from the
/// ambient <see cref="RetryBudget"/> of the row (<see cref="RetryBudget.TryTakeAmbient"/>); none is made when it is used up.
/// </summary>
public static class StacResilience
{
    /// <summary>Creates the pipeline. Handles 408, 429, 5xx, <see cref="HttpRequestException"/> and timeouts (<see cref="TimeoutException"/>).</summary>
    /// <remarks>
    /// The callback must create a fresh <see cref="HttpRequestMessage"/> per attempt. Polly disposes
    /// responses that are retried. A caller's cancellation is never retried. When the circuit is open
    /// the pipeline throws <see cref="BrokenCircuitException"/> without calling the callback.
    /// </remarks>
    public static ResiliencePipeline<HttpResponseMessage> Create(StacResilienceOptions options)
    {
        if (options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttempts, "MaxAttempts must be at least 1");
        }

        var time = options.TimeProvider ?? TimeProvider.System;
        var log = options.Log;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };

        if (options.MaxAttempts > 1)
        {
            var maxRetryAfter = options.MaxRetryAfter;
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, options.MaxAttempts, args.Context.CancellationToken, log)),
                DelayGenerator = args =>
                {
                    var retryAfter = args.Outcome.Result is { } response ? RetryAfter(response, time.GetUtcNow()) : null;
                    return ValueTask.FromResult(retryAfter is { } wait ? (TimeSpan?)Clamp(wait, maxRetryAfter) : null);
                },
                OnRetry = args =>
                {
                    log?.Invoke(string.Create(
                        CultureInfo.InvariantCulture,
                        $"HTTP attempt {args.AttemptNumber + 1} of {options.MaxAttempts} failed ({Describe(args.Outcome)}); retrying in {args.RetryDelay.TotalSeconds:0.###} s"));
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = Math.Max(2, options.BreakerMinimumThroughput),
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
            OnOpened = args =>
            {
                log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"circuit opened for {args.BreakDuration.TotalSeconds:0.#} s after repeated failures ({Describe(args.Outcome)})"));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                log?.Invoke("circuit closed: host answers again");
                return ValueTask.CompletedTask;
            },
        });

        return builder.Build();
    }

    /// <summary>
    /// The wait a response asks for with <c>Retry-After</c> (delta seconds or HTTP-date relative to
    /// <paramref name="now"/>); null when absent. Never negative.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// Whether a failed attempt is retried: it is transient, it was not the last attempt, and the ambient retry budget
    /// of the row gives one more retry (taken here, exactly once per retry).
    /// </summary>
    /// <param name="outcome">What the attempt gave.</param>
    /// <param name="attemptNumber">Zero-based number of the attempt that failed.</param>
    /// <param name="maxAttempts">Attempts allowed, the first included.</param>
    /// <param name="callerToken">The request's token: its cancellation is never retried.</param>
    /// <param name="log">Receives a line when the budget refuses a retry; may be null.</param>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, int maxAttempts, CancellationToken callerToken, Action<string>? log)
    {
        if (!IsTransient(outcome, callerToken) || attemptNumber + 1 >= maxAttempts)
        {
            return false;
        }

        if (RetryBudget.TryTakeAmbient())
        {
            return true;
        }

        log?.Invoke($"HTTP attempt {attemptNumber + 1} failed ({Describe(outcome)}); not retrying: the row's retry budget is used up");
        return false;
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException => true,
                TimeoutException => true,
                OperationCanceledException => !callerToken.IsCancellationRequested,
                _ => false,
            };
        }

        return outcome.Result is { } response && StacHttpException.IsTransient(response.StatusCode);
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) => wait > max ? max : wait;

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception is { } e
        ? e is OperationCanceledException or TimeoutException ? "timeout" : e.GetType().Name
        : outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + r.ReasonPhrase : "no response";

}
