using Microsoft.Extensions.Time.Testing;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// A fake clock that moves only when the test calls <see cref="FakeTimeProvider.Advance"/>, recording the due time of
/// every timer created on it: a test sees the wait the code asked for and decides when it ends, without sleeping.
/// </summary>
internal sealed class HeldTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _dueTimes = [];

    public HeldTimeProvider()
        : base(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The due times of the timers created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _dueTimes];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _dueTimes.Add(dueTime);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
