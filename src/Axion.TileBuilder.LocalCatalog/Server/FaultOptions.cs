namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>
/// Failure and slowness knobs of a running <see cref="LocalCatalogServer"/>. Everything is off by
/// default. Random decisions come from one RNG per request category (assets, STAC, token) seeded from
/// <see cref="Seed"/>, re-seeded whenever the options are replaced: the n-th request of a category always meets the
/// same fault, however requests of different categories interleave.
/// </summary>
public sealed record FaultOptions
{
    /// <summary>No faults at all.</summary>
    public static FaultOptions None { get; } = new();

    /// <summary>Delay added before every response, milliseconds. Default 0.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Cap on each response body's write rate, bytes per second; 0 = unlimited (default).</summary>
    public long BandwidthBytesPerSecond { get; init; }

    /// <summary>Probability (0..1) of answering 503 Service Unavailable. Default 0.</summary>
    public double Error503Rate { get; init; }

    /// <summary>Probability (0..1) of answering 429 Too Many Requests with <see cref="RetryAfterSeconds"/>. Default 0.</summary>
    public double Error429Rate { get; init; }

    /// <summary>The <c>Retry-After</c> header of 429 and 503 answers, seconds. Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Probability (0..1) of sending the full Content-Length but closing after half the body. Default 0.</summary>
    public double TruncateRate { get; init; }

    /// <summary>Probability (0..1) of aborting the connection without any response. Default 0.</summary>
    public double DropConnectionRate { get; init; }

    /// <summary>
    /// When set, overrides <see cref="LocalCatalogServer.TokenLifetime"/> for new SAS tokens (so another
    /// process can shorten token lifetimes through <c>PUT /_admin/faults</c>). Default null.
    /// </summary>
    public TimeSpan? TokenLifetime { get; init; }

    /// <summary>Request categories the knobs apply to. Default <see cref="FaultTargets.All"/>.</summary>
    public FaultTargets AppliesTo { get; init; } = FaultTargets.All;

    /// <summary>Seed of the fault RNGs (one per category: <c>Seed * 31 + category</c>). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>True when at least one knob (other than <see cref="TokenLifetime"/>) is on.</summary>
    public bool AnyActive => LatencyMs > 0 || BandwidthBytesPerSecond > 0 || Error503Rate > 0 || Error429Rate > 0
        || TruncateRate > 0 || DropConnectionRate > 0;

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> quoting the first invalid value.</summary>
    public void Validate()
    {
        CheckRate(Error503Rate, nameof(Error503Rate));
        CheckRate(Error429Rate, nameof(Error429Rate));
        CheckRate(TruncateRate, nameof(TruncateRate));
        CheckRate(DropConnectionRate, nameof(DropConnectionRate));
        if (LatencyMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LatencyMs), LatencyMs, $"LatencyMs must be >= 0, got {LatencyMs}.");
        }

        if (BandwidthBytesPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(BandwidthBytesPerSecond), BandwidthBytesPerSecond, $"BandwidthBytesPerSecond must be >= 0 (0 = unlimited), got {BandwidthBytesPerSecond}.");
        }

        if (RetryAfterSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryAfterSeconds), RetryAfterSeconds, $"RetryAfterSeconds must be >= 0, got {RetryAfterSeconds}.");
        }

        if (TokenLifetime is { } lifetime && lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TokenLifetime), lifetime, $"TokenLifetime must be positive, got {lifetime}.");
        }
    }

    private static void CheckRate(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be within 0..1, got {value}.");
        }
    }
}
