using System.Globalization;
using System.Threading.RateLimiting;

namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// The cap on the catalog requests of one process (<c>--max-stac-rps</c>): every attempt of a STAC request (search
/// pages, items, collections) and of a SAS token request takes one permit from one
/// <see cref="TokenBucketRateLimiter"/> shared by every worker, client and signer of the process. Requests beyond the
/// rate wait in a first-in, first-out queue; none is refused. Thread-safe.
/// </summary>
/// <remarks>
/// The bucket starts full with one second's worth of permits (<see cref="BurstFor"/>: R at <c>--max-stac-rps R</c>, at
/// least 1) and is refilled about ten times a second with <see cref="ReplenishTokens"/> permits. A process that starts
/// sends its first R requests at once (the tokens, the first searches: no wait at cold start), then R per second on
/// average. The trade-off: over any T seconds at most about <c>R + R x T</c> requests, so at most 2R in the first second
/// of a process (R in the bucket plus R refilled); over a long run, R per second.
/// </remarks>
public sealed class StacRateLimit : IDisposable
{
    /// <summary>How often the bucket is refilled when the rate allows it: 10 times a second.</summary>
    private static readonly TimeSpan TargetPeriod = TimeSpan.FromMilliseconds(100);

    private readonly RateLimiter _limiter;
    private long _requests;
    private long _waited;

    /// <summary>Caps the process at <paramref name="requestsPerSecond"/> catalog requests per second.</summary>
    /// <param name="requestsPerSecond">Permits per second, positive and finite (no cap is no <see cref="StacRateLimit"/> at all).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not a positive finite number.</exception>
    public StacRateLimit(double requestsPerSecond)
        : this(new TokenBucketRateLimiter(OptionsFor(requestsPerSecond)), requestsPerSecond)
    {
    }

    /// <summary>Tests: a limiter they replenish by hand (<see cref="TokenBucketRateLimiter.TryReplenish"/>), never by time.</summary>
    internal StacRateLimit(RateLimiter limiter, double requestsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        _limiter = limiter;
        RequestsPerSecond = requestsPerSecond;
    }

    /// <summary>The cap, requests per second.</summary>
    public double RequestsPerSecond { get; }

    /// <summary>Permits granted so far: every catalog and token request attempt sent through this cap.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Of <see cref="Requests"/>, those that had to wait in the queue for their permit.</summary>
    public long Waited => Interlocked.Read(ref _waited);

    /// <summary>Requests waiting for a permit now.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>
    /// The burst of the cap: one second's worth of requests, <paramref name="requestsPerSecond"/> rounded up, at least 1
    /// (10 at the default <c>--max-stac-rps 10</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not a positive finite number.</exception>
    public static int BurstFor(double requestsPerSecond)
    {
        if (!double.IsFinite(requestsPerSecond) || requestsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "the rate must be a positive number of requests per second");
        }

        return (int)Math.Min(int.MaxValue, Math.Max(1, Math.Ceiling(requestsPerSecond)));
    }

    /// <summary>
    /// The token bucket for <paramref name="requestsPerSecond"/>: <see cref="BurstFor"/> permits when full (it starts full),
    /// <see cref="ReplenishTokens"/> added every <c>ReplenishTokens / requestsPerSecond</c> seconds (so exactly the rate on
    /// average), an unbounded first-in, first-out queue.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not a positive finite number.</exception>
    public static TokenBucketRateLimiterOptions OptionsFor(double requestsPerSecond)
    {
        var tokens = ReplenishTokens(requestsPerSecond);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = BurstFor(requestsPerSecond), // a second's worth: never less than one refill
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / requestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    /// <summary>Permits added per refill: what <paramref name="requestsPerSecond"/> gives in 100 ms, rounded up, at least 1.</summary>
    public static int ReplenishTokens(double requestsPerSecond) =>
        (int)Math.Max(1, Math.Ceiling(requestsPerSecond * TargetPeriod.TotalSeconds));

    /// <summary>Waits for one permit (first in, first out).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting.</exception>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        using var now = _limiter.AttemptAcquire(1);
        if (now.IsAcquired)
        {
            Interlocked.Increment(ref _requests);
            return;
        }

        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            // Only when the queue is full, and it is unbounded: a bug, not a condition to handle.
            throw new InvalidOperationException("the catalog request rate limiter refused a permit");
        }

        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _waited);
    }

    /// <summary>One line for the log: the cap and how many requests went through it and waited.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Requests} catalog requests at most {RequestsPerSecond:0.###}/s, {Waited} of them waited for the cap");

    public void Dispose() => _limiter.Dispose();
}
