namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// A clock the test moves by hand, with timers that fire only inside <see cref="Advance"/> (on the test's thread),
/// so code driven by time is tested without waiting and without depending on the machine's speed.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="step"/>, firing every timer that falls due on the way, in time order.</summary>
    public void Advance(TimeSpan step)
    {
        var target = Now + step;
        while (NextDue(target) is { } timer)
        {
            Now = timer.Due!.Value;
            timer.Fire();
        }

        Now = target;
    }

    private ManualTimer? NextDue(DateTimeOffset target)
    {
        lock (_timers)
        {
            return _timers.Where(t => t.Due is { } due && due <= target).OrderBy(t => t.Due).FirstOrDefault();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Now + dueTime;
            _period = period;
            return true;
        }

        public void Fire()
        {
            Due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : Due + _period;
            callback(state);
        }

        public void Dispose() => Due = null;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
