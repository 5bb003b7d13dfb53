namespace Axion.TileBuilder.Retries;

/// <summary>
/// The one retry budget of a row: every retry layer (STAC and token requests, asset reads, the row itself) takes
/// its retries from it, so no layer can multiply another's. A retry is allowed while fewer than
/// <see cref="MaxRetries"/> have been taken and the row's time (<see cref="MaxTime"/>) is not used up.
/// The budget of the row in flight is ambient (<see cref="Current"/>, an <see cref="AsyncLocal{T}"/>), so the
/// lower layers consult it without a parameter; outside a row (tests, <c>doctor</c>) there is none and each layer
/// keeps its own attempt limit only. Thread-safe.
/// </summary>
public sealed class RetryBudget
{
    private static readonly AsyncLocal<RetryBudget?> Ambient = new();
    private readonly TimeProvider _time;
    private readonly long _started;
    private int _taken;

    /// <param name="maxRetries">Retries allowed in all, over all layers (not counting first attempts).</param>
    /// <param name="maxTime">Time after which no retry is started any more.</param>
    /// <param name="time">Clock; the system clock by default.</param>
    public RetryBudget(int maxRetries, TimeSpan maxTime, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxTime, TimeSpan.Zero);
        MaxRetries = maxRetries;
        MaxTime = maxTime;
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
    }

    /// <summary>The budget of the row running on this async flow, or null outside a row.</summary>
    public static RetryBudget? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>Retries allowed in all.</summary>
    public int MaxRetries { get; }

    /// <summary>Time after which no retry is started.</summary>
    public TimeSpan MaxTime { get; }

    /// <summary>Retries taken so far.</summary>
    public int Taken => Volatile.Read(ref _taken);

    /// <summary>Time left before no retry is started any more (never negative).</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = MaxTime - _time.GetElapsedTime(_started);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>True when a retry may still be started; every layer calls this exactly once before each of its retries.</summary>
    public bool TryTake()
    {
        if (Remaining <= TimeSpan.Zero)
        {
            return false;
        }

        while (true)
        {
            var taken = Volatile.Read(ref _taken);
            if (taken >= MaxRetries)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _taken, taken + 1, taken) == taken)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Whether the ambient budget (if any) allows one more retry; true outside a row. The helper every retry layer uses.
    /// </summary>
    public static bool TryTakeAmbient() => Current?.TryTake() ?? true;
}
