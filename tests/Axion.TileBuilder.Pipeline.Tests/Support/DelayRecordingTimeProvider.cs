using Microsoft.Extensions.Time.Testing;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// A fake clock that records the due time of every timer created on it. By default its time moves only when something
/// waits on it: the clock is advanced by the wait at once (on the thread pool), so the wait ends without sleeping.
/// Held (<c>advanceOnWait: false</c>), it moves only when the test calls <see cref="FakeTimeProvider.Advance"/>, so the
/// test decides when a wait ends. Tests assert the waits the code asked for instead of timing it, so the result does not
/// depend on the machine's speed or load.
/// </summary>
/// <param name="advanceOnWait">End every wait at once (default), or hold the clock until the test advances it.</param>
internal sealed class DelayRecordingTimeProvider(bool advanceOnWait = true) : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];

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

            if (advanceOnWait)
            {
                ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
            }
        }

        return timer;
    }
}
