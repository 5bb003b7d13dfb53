using Microsoft.Extensions.Time.Testing;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// A fake clock whose time moves only when something waits on it: every timer records its due time, and the clock is
/// advanced by it at once (on the thread pool), so the wait ends without sleeping. Tests assert the waits the code
/// asked for instead of timing it, so the result does not depend on the machine's speed or load.
/// </summary>
internal sealed class DelayRecordingTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];

    public DelayRecordingTimeProvider()
        : base(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The waits asked for so far (zero waits included), in order.</summary>
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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _delays.Add(dueTime);
            }

            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }

        return timer;
    }
}
