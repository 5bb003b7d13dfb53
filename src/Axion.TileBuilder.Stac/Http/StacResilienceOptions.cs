namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// Retry and circuit-breaker settings for catalog and token-endpoint requests
/// (<see cref="StacResilience.Create"/>). Change with <c>with</c>.
/// </summary>
public readonly record struct StacResilienceOptions
{
    public StacResilienceOptions()
    {
    }

    /// <summary>Total tries per request, the first included (1 = no retry); default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First backoff delay; doubles per retry, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on one computed backoff delay; default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on a server's <c>Retry-After</c> (seconds or HTTP-date); longer waits are cut to this. Default 120 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

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

    /// <summary>Clock for delays and the breaker; null means <see cref="TimeProvider.System"/>. Tests pass a fake.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Receives one line per retry and per breaker state change (no secrets: URLs are not included); may be null.</summary>
    public Action<string>? Log { get; init; }
}
