namespace Axion.TileBuilder.Stac.Tests.Fakes;

/// <summary>
/// A clock that moves only when the test calls <see cref="Advance"/>; timers (timeouts, retry delays) fire when the
/// clock passes their due time, on the thread pool. Timestamps follow the clock, so elapsed times are fake too.
/// Tests move it only once the expected timer is armed (<see cref="WaitForTimerAsync"/>).
/// </summary>
public sealed class SteppingTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<SteppingTimer> _timers = [];
    private DateTimeOffset _now = new(2025, 3, 12, 10, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Start { get; } = new(2025, 3, 12, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Time moved since the start.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock and fires the timers that became due.</summary>
    public void Advance(TimeSpan by)
    {
        List<SteppingTimer> due;
        lock (_lock)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var timer in due)
            {
                _timers.Remove(timer);
            }
        }

        foreach (var timer in due)
        {
            ThreadPool.QueueUserWorkItem(_ => timer.Fire());
        }
    }

    /// <summary>
    /// Waits (in real time, at most <paramref name="wallLimit"/>) until a timer due <paramref name="dueIn"/> from now is
    /// armed, so the test moves the clock only once the code under test is waiting on it: the fake times are then exact
    /// whatever the machine's load.
    /// </summary>
    /// <exception cref="TimeoutException">No such timer was armed in time (the code under test did something else).</exception>
    public async Task WaitForTimerAsync(TimeSpan dueIn, TimeSpan wallLimit)
    {
        using var limit = new CancellationTokenSource(wallLimit);
        while (true)
        {
            lock (_lock)
            {
                var due = _now + dueIn;
                if (_timers.Any(t => t.Due == due))
                {
                    return;
                }
            }

            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"no timer due in {dueIn} was armed; pending: {string.Join(", ", PendingDueIn())}");
            }

            await Task.Delay(1, CancellationToken.None);
        }
    }

    private IEnumerable<TimeSpan> PendingDueIn()
    {
        lock (_lock)
        {
            return _timers.Select(t => t.Due - _now).ToList();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(SteppingTimer timer, TimeSpan dueTime)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = _now + dueTime;
                _timers.Add(timer);
            }
        }
    }

    private sealed class SteppingTimer(SteppingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Schedule(this, Timeout.InfiniteTimeSpan);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
