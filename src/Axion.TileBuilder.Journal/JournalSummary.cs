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

    /// <summary>Bytes read by done and failed rows (bytes): a failed row's SCL checks and reads are part of the batch's cost.</summary>
    public long BytesRead { get; init; }

    /// <summary>Requests made by done and failed rows (count).</summary>
    public long Requests { get; init; }

    /// <summary>Processing time of done and failed rows (seconds, summed per row, so more than wall time with several workers).</summary>
    public double Seconds { get; init; }

    /// <summary>Claims over all rows (sum of <see cref="JournalRow.Attempts"/>).</summary>
    public long Attempts { get; init; }

    /// <summary>Rows in <paramref name="state"/>.</summary>
    public int Count(RowState state) => ByState.TryGetValue(state, out var n) ? n : 0;
    /// <summary>The totals of several journals (the shards of one batch): every count and sum added up.</summary>
    public static JournalSummary Sum(IEnumerable<JournalSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var byState = Enum.GetValues<RowState>().ToDictionary(s => s, _ => 0);
        var byKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        var skips = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
        var total = new JournalSummary { ByState = byState, FailuresByKind = byKind, FailuresByReason = byReason, SkipsByReason = skips, RejectedByReason = rejected };
        foreach (var s in summaries)
        {
            foreach (var (state, count) in s.ByState)
            {
                byState[state] += count;
            }

            AddAll(byKind, s.FailuresByKind);
            AddAll(byReason, s.FailuresByReason);
            AddAll(skips, s.SkipsByReason);
            foreach (var (reason, count) in s.RejectedByReason)
            {
                rejected[reason] = rejected.GetValueOrDefault(reason) + count;
            }

            total = total with
            {
                RowsTotal = total.RowsTotal + s.RowsTotal,
                RetryableFailed = total.RetryableFailed + s.RetryableFailed,
                TilesWritten = total.TilesWritten + s.TilesWritten,
                TilesRejected = total.TilesRejected + s.TilesRejected,
                BytesRead = total.BytesRead + s.BytesRead,
                Requests = total.Requests + s.Requests,
                Seconds = total.Seconds + s.Seconds,
                Attempts = total.Attempts + s.Attempts,
            };
        }

        return total;
    }

    private static void AddAll(Dictionary<string, int> into, IReadOnlyDictionary<string, int> counts)
    {
        foreach (var (key, count) in counts)
        {
            into[key] = into.GetValueOrDefault(key) + count;
        }
    }
}
