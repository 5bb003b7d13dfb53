using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: it starts full with <c>burst</c> permits and refills continuously at
/// <c>permitsPerSecond</c> (a permit every <c>1 / permitsPerSecond</c> seconds), never above <c>burst</c>. Callers beyond
/// the permits wait in a first-in, first-out queue without a bound; one timer of the clock wakes the queue when the next
/// permit is due. A cancelled waiter leaves the queue without taking a permit. Thread-safe.
/// </summary>
/// <remarks>
/// Over any interval of <c>T</c> seconds it grants at most <c>burst + permitsPerSecond x T</c> permits; from a full
/// bucket the first <c>burst</c> are granted at once, then one per <c>1 / permitsPerSecond</c> seconds.
/// </remarks>
public sealed class SmoothTokenBucket : RateLimiter
{
    /// <summary>Rounding slack of the refill arithmetic: a bucket within this of a whole permit has it.</summary>
    private const double Slack = 1e-9;

    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly TimeProvider _time;
    private readonly double _permitsPerSecond;
    private readonly int _burst;
    private double _tokens;
    private long _refilledAt;
    private ITimer? _timer;
    private long _idleSince;
    private bool _disposed;

    /// <summary>A full bucket of <paramref name="burst"/> permits refilled at <paramref name="permitsPerSecond"/>.</summary>
    /// <param name="permitsPerSecond">Refill rate, permits per second, positive and finite.</param>
    /// <param name="burst">Capacity of the bucket, permits, at least 1.</param>
    /// <param name="time">The clock (its timestamps and timers); <see cref="TimeProvider.System"/> in production.</param>
    public SmoothTokenBucket(double permitsPerSecond, int burst, TimeProvider time)
    {
        if (!double.IsFinite(permitsPerSecond) || permitsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(permitsPerSecond), permitsPerSecond, "the rate must be a positive number of permits per second");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentNullException.ThrowIfNull(time);
        _permitsPerSecond = permitsPerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _refilledAt = time.GetTimestamp();
        _idleSince = _refilledAt;
    }

    /// <inheritdoc/>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count == 0 ? _time.GetElapsedTime(_idleSince) : null;
            }
        }
    }

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = (long)_tokens, CurrentQueuedCount = _queue.Count };
        }
    }

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ThrowIfNotOne(permitCount);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return TryTake() ? Lease.Acquired : Lease.Failed;
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ThrowIfNotOne(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (TryTake())
            {
                return ValueTask.FromResult(Lease.Acquired);
            }

            waiter = new Waiter();
            waiter.Node = _queue.AddLast(waiter);
            ScheduleWake();
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        List<Waiter> left;
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            left = [.. _queue];
            _queue.Clear();
        }

        foreach (var waiter in left)
        {
            waiter.Cancellation.Dispose();
            waiter.Completion.TrySetResult(Lease.Failed);
        }
    }

    private static void ThrowIfNotOne(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "this bucket grants one permit at a time");
        }
    }

    /// <summary>Adds the permits earned since the last refill, up to the burst. Under <see cref="_lock"/>.</summary>
    private void Refill()
    {
        var now = _time.GetTimestamp();
        var earned = _time.GetElapsedTime(_refilledAt, now).TotalSeconds * _permitsPerSecond;
        _tokens = Math.Min(_burst, _tokens + earned);
        _refilledAt = now;
    }

    /// <summary>Takes a permit if one is there and nobody queues before the caller. Under <see cref="_lock"/>.</summary>
    private bool TryTake()
    {
        Refill();
        if (_queue.Count > 0 || _tokens < 1 - Slack)
        {
            return false;
        }

        _tokens = Math.Max(0, _tokens - 1);
        return true;
    }

    /// <summary>Sets the timer to the moment the next permit is due, unless it is set. Under <see cref="_lock"/>.</summary>
    private void ScheduleWake()
    {
        if (_timer is not null || _queue.Count == 0)
        {
            return;
        }

        // At least one tick, so a clock never fires the timer inside CreateTimer (under the lock).
        var due = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) / _permitsPerSecond * TimeSpan.TicksPerSecond)));
        _timer = _time.CreateTimer(_ => Wake(), null, due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timer fired: grants the permits now due to the oldest waiters, then waits for the next one.</summary>
    private void Wake()
    {
        List<Waiter> granted = [];
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            if (_disposed)
            {
                return;
            }

            Refill();
            while (_queue.First is { } first && _tokens >= 1 - Slack)
            {
                _tokens = Math.Max(0, _tokens - 1);
                _queue.RemoveFirst();
                first.Value.Node = null;
                granted.Add(first.Value);
            }

            if (_queue.Count == 0)
            {
                _idleSince = _time.GetTimestamp();
            }

            ScheduleWake();
        }

        foreach (var waiter in granted)
        {
            waiter.Cancellation.Dispose();
            waiter.Completion.TrySetResult(Lease.Acquired);
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return; // granted (or the bucket was disposed) first
            }

            _queue.Remove(waiter.Node);
            waiter.Node = null;
            if (_queue.Count == 0)
            {
                _idleSince = _time.GetTimestamp();
            }
        }

        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    /// <summary>A caller waiting for a permit.</summary>
    private sealed class Waiter
    {
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Its place in the queue; null once it left (granted, cancelled or the bucket disposed). Under the bucket's lock.</summary>
        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }
    }

    /// <summary>The two leases of this bucket: a permit or none. Nothing is returned on dispose (permits are spent).</summary>
    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly RateLimitLease Acquired = new Lease(true);

        public static readonly RateLimitLease Failed = new Lease(false);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, [NotNullWhen(true)] out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
