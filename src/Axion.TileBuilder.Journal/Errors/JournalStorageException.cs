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

    /// <summary>SQLite's primary result code (e.g. 13 = SQLITE_FULL, 26 = SQLITE_NOTADB), 0 when not from SQLite.</summary>
    public int SqliteErrorCode { get; }

    public override string Reason => "journal_storage";
}
