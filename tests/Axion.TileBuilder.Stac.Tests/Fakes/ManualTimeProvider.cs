using System.Collections.Concurrent;

namespace Axion.TileBuilder.Stac.Tests.Fakes;

/// <summary>
/// A clock tests move by hand. Timers (Polly's retry delays) fire at once on the thread pool, move
/// the clock forward by their due time, and are recorded in <see cref="Delays"/>, so a test can
/// assert the wait a pipeline computed without sleeping. Timers of <see cref="HeldFrom"/> or longer (the request
/// timeouts the tests set to an hour) are held: they never fire and are not recorded.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Timers due this late or later never fire; default 10 min.</summary>
    public static TimeSpan HeldFrom { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The request timeouts tests use with this clock: long enough to be held.</summary>
    public static TimeSpan HeldTimeout { get; } = TimeSpan.FromHours(1);

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FiringTimer();
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime < HeldFrom)
        {
            _delays.Enqueue(dueTime);
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (!timer.Disposed)
                {
                    callback(state);
                }
            });
        }

        return timer;
    }

    private sealed class FiringTimer : ITimer
    {
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
