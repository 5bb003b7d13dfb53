namespace Axion.TileBuilder.Journal;

/// <summary>
/// Where a location (CSV row) stands in a batch. Stored in <c>journal.db</c> as lower-case text:
/// <c>pending</c>, <c>running</c>, <c>done</c>, <c>failed</c>, <c>skipped</c>.
/// </summary>
/// <remarks>
/// Legal transitions: pending -> running | failed | skipped; running -> done | failed | skipped |
/// running (a row caught mid-way by a crash is claimed again); failed -> running (only for a row
/// handed out by <see cref="BatchJournal.Claimable"/> as a retry). <see cref="Done"/> and
/// <see cref="Skipped"/> are terminal.
/// </remarks>
public enum RowState
{
    /// <summary>Seeded from the CSV, never started.</summary>
    Pending,

    /// <summary>Claimed by a worker; after a crash such a row is redone.</summary>
    Running,

    /// <summary>Tiles written; terminal (a done row is never redone).</summary>
    Done,

    /// <summary>Gave up on the row; <see cref="JournalRow.Retryable"/> says whether a retry can help.</summary>
    Failed,

    /// <summary>Deliberately not processed (e.g. outside the requested subset); terminal.</summary>
    Skipped,
}
