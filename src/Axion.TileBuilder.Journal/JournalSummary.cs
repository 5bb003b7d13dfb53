namespace Axion.TileBuilder.Journal;

/// <summary>
/// Totals over a journal, for <c>status</c> and the end-of-run report (see <see cref="BatchJournal.Summarize"/>).
/// </summary>
public sealed record JournalSummary
{
    /// <summary>Rows in the journal (all states).</summary>
    public int RowsTotal { get; init; }

    /// <summary>Row count per state; every <see cref="RowState"/> is present (0 when none).</summary>
    public required IReadOnlyDictionary<RowState, int> ByState { get; init; }

    /// <summary>Failed rows whose failure was transient (what <c>resume --retry-failed</c> would redo).</summary>
    public int RetryableFailed { get; init; }

    /// <summary>Failed rows by failure category (<c>transient</c>, <c>permanent</c>, <c>bad_input</c>, <c>no_scene</c>, <c>environment</c>, <c>internal</c>).</summary>
    public required IReadOnlyDictionary<string, int> FailuresByKind { get; init; }

    /// <summary>Failed rows by finer reason (<c>http_503</c>, <c>bad_input</c>, ...).</summary>
    public required IReadOnlyDictionary<string, int> FailuresByReason { get; init; }

    /// <summary>Skipped rows by reason.</summary>
    public required IReadOnlyDictionary<string, int> SkipsByReason { get; init; }

    /// <summary>Tiles written by done rows (count).</summary>
    public long TilesWritten { get; init; }

    /// <summary>Tiles rejected by done rows (count).</summary>
    public long TilesRejected { get; init; }

    /// <summary>Rejected tiles by reason, summed over done rows.</summary>
    public required IReadOnlyDictionary<string, long> RejectedByReason { get; init; }

    /// <summary>Bytes read by done rows (bytes).</summary>
    public long BytesRead { get; init; }

    /// <summary>HTTP requests made by done rows (count).</summary>
    public long Requests { get; init; }

    /// <summary>Processing time of done rows (seconds, summed per row, so more than wall time with several workers).</summary>
    public double Seconds { get; init; }

    /// <summary>Claims over all rows (sum of <see cref="JournalRow.Attempts"/>).</summary>
    public long Attempts { get; init; }

    /// <summary>Rows in <paramref name="state"/>.</summary>
    public int Count(RowState state) => ByState.TryGetValue(state, out var n) ? n : 0;
}
