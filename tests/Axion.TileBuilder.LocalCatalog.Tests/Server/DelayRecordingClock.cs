namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>
/// A clock whose time moves only when something waits on it: every timer (<c>Task.Delay(..., clock)</c>) records its
/// due time, advances the clock by it and fires at once. Tests read the waits the server asked for instead of timing
/// its responses, so the result does not depend on the machine's speed or load.
/// </summary>
public sealed class DelayRecordingClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private readonly DateTimeOffset _start = new(2025, 3, 12, 10, 0, 0, TimeSpan.Zero);
    private long _ticks;

    /// <summary>The waits asked for so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return [.. _delays];
            }
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
    }

    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks(GetTimestamp());

    public void ClearDelays()
    {
        lock (_gate)
        {
            _delays.Clear();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _delays.Add(dueTime);
                _ticks += dueTime.Ticks;
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
