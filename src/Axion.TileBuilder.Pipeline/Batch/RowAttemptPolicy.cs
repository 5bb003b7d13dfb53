namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The limits of one row: its retry budget (shared by every retry layer, see <see cref="Retries.RetryBudget"/>), the pause
/// between whole-row retries and its hard time limit. Documented in docs/reliability.md.
/// </summary>
public sealed record RowAttemptPolicy
{
    /// <summary>Default <see cref="MaxRetries"/>: 12 retries over all layers of a row.</summary>
    public const int DefaultMaxRetries = 12;

    /// <summary>Default <see cref="RetryTime"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultRetryTime = TimeSpan.FromMinutes(5);

    /// <summary>Default <see cref="RowTimeout"/>: 15 minutes.</summary>
    public static readonly TimeSpan DefaultRowTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The documented defaults.</summary>
    public static RowAttemptPolicy Default { get; } = new();

    /// <summary>Retries a row may take in all (requests, asset reads and whole-row retries together). Default 12.</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>Time from the row's start after which no retry is started. Default 5 minutes.</summary>
    public TimeSpan RetryTime { get; init; } = DefaultRetryTime;

    /// <summary>Hard limit of the row, all attempts included: past it the row fails <c>row_timeout</c> (transient). Default 15 minutes.</summary>
    public TimeSpan RowTimeout { get; init; } = DefaultRowTimeout;

    /// <summary>Pause before the n-th whole-row retry: n times this (1 s, 2 s, ...). Default 1 second.</summary>
    public TimeSpan RetryPause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Clock of the budget, the time limit and the pauses. The system clock by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
