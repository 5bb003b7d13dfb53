using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal;

/// <summary>
/// One location as the journal knows it (a snapshot; the journal does not change it afterwards).
/// Timestamps are UTC.
/// </summary>
public sealed record JournalRow
{
    /// <summary>The location id (unique within the run).</summary>
    public required string RowId { get; init; }

    /// <summary>1-based CSV line number.</summary>
    public required int Line { get; init; }

    /// <summary>The parsed row as a JSON document.</summary>
    public required string InputJson { get; init; }

    /// <summary>Current state.</summary>
    public required RowState State { get; init; }

    /// <summary>How many times the row was claimed (<see cref="BatchJournal.MarkRunning"/>).</summary>
    public int Attempts { get; init; }

    /// <summary>
    /// How many times the process died while the row was running (counted by <see cref="BatchJournal.RecoverCrashedRows"/>).
    /// Rows with crashes are claimed after rows without.
    /// </summary>
    public int Crashes { get; init; }

    /// <summary>True for a failed row whose failure was <see cref="FailureKind.Transient"/>.</summary>
    public bool Retryable { get; init; }

    /// <summary>Failure category of a failed row; null otherwise.</summary>
    public FailureKind? FailureKind { get; init; }

    /// <summary>
    /// Failed: the finer reason (<c>http_503</c>, <c>no_clear_scene</c>, or the category itself);
    /// skipped: why it was skipped; null otherwise.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>Failed: the one-line message (already redacted by the caller); null otherwise.</summary>
    public string? Message { get; init; }

    /// <summary>What the row produced; non-null only for a done row.</summary>
    public RowOutcome? Outcome { get; init; }

    /// <summary>When the row was seeded.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last attempt started; null if never claimed.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the row reached done, failed or skipped; null while pending or running.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
