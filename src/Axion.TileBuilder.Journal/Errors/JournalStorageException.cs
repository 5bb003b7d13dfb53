using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal;

/// <summary>
/// <c>journal.db</c> is missing, unreadable, corrupt, written by a newer axion-tiles, or SQLite
/// failed to write it (disk full, I/O error). Carries SQLite's message and result code.
/// </summary>
public sealed class JournalStorageException : AxionException
{
    public JournalStorageException(FailureKind kind, string message, int sqliteErrorCode = 0, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        SqliteErrorCode = sqliteErrorCode;
    }

    /// <summary>SQLite's result code for a write that found no space left on the device (<c>SQLITE_FULL</c>).</summary>
    public const int SqliteFull = 13;

    /// <summary>SQLite's primary result code (e.g. 13 = SQLITE_FULL, 26 = SQLITE_NOTADB), 0 when not from SQLite.</summary>
    public int SqliteErrorCode { get; }

    /// <summary>
    /// True when a write found the journal's device full (<see cref="SqliteFull"/>). SQLite rolled the write back: the
    /// journal keeps its last committed state, and a run with space again continues from it.
    /// </summary>
    public bool IsDiskFull => SqliteErrorCode == SqliteFull;

    public override string Reason => "journal_storage";
}
