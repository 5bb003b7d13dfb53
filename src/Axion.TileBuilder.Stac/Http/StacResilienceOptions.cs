namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// Retry, timeout and circuit-breaker settings for catalog and token-endpoint requests
/// (<see cref="StacResilience.Create"/> and the transport). Change with <c>with</c>.
/// </summary>
/// <remarks>
/// With the defaults a request that never answers fails after at most <see cref="TotalTimeout"/> (2 min): 4 attempts of
/// at most 20 s for the response headers each, with 1 + 2 + 4 s of backoff between them. Inside a row every retry also
/// takes one from the row's <see cref="Retries.RetryBudget"/>; when that is used up the request fails at once.
/// </remarks>
public readonly record struct StacResilienceOptions
{
    public StacResilienceOptions()
    {
    }

    /// <summary>Total tries per request, the first included (1 = no retry); default 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>First backoff delay; doubles per retry, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on one computed backoff delay; default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on a server's <c>Retry-After</c> (seconds or HTTP-date); longer waits are cut to this. Default 120 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Time one attempt may wait for the response status and headers (connecting included); default 20 s. A server that
    /// accepts the connection and never answers costs this per attempt.
    /// </summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time one attempt may take to read the body after the headers arrived; default 30 s.</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time one request may take in all: every attempt, every backoff and <c>Retry-After</c> wait. Past it the request
    /// fails (transient). Default 2 min.
    /// </summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Randomise backoff delays (decorrelated jitter) so parallel workers spread out; default true.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Failure ratio (0-1] in <see cref="BreakerSamplingDuration"/> that opens the circuit; default 0.8.</summary>
    public double BreakerFailureRatio { get; init; } = 0.8;

    /// <summary>Minimum attempts in the sampling window before the breaker may open; default 8.</summary>
    public int BreakerMinimumThroughput { get; init; } = 8;

    /// <summary>Window in which failures are counted; default 60 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit rejects requests before one trial request; default 30 s.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Clock for delays, timeouts and the breaker; null means <see cref="TimeProvider.System"/>. Tests pass a fake.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Receives one line per retry and per breaker state change (no secrets: URLs are not included); may be null.</summary>
    public Action<string>? Log { get; init; }
}
