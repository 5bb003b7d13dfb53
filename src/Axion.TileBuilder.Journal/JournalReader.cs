using System.Globalization;
using Axion.TileBuilder.Journal.Internals;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal;

/// <summary>
/// A read-only view of one journal file (<c>journal.db</c> or a shard's <c>_journal/shard-K-of-N.db</c>) for
/// <c>merge</c>, <c>validate</c> and <c>report</c>: no lock file, no writes, no schema upgrade, so a journal can
/// be read while its batch runs (WAL mode shows the last committed state). Every read of one instance sees the
/// same snapshot: the reader holds one read transaction until disposed. Not thread-safe (one caller at a time).
/// </summary>
/// <remarks>
/// A WAL-mode database opened read-only creates <c>-wal</c> and <c>-shm</c> files it cannot remove afterwards.
/// When no <c>-wal</c> file exists (no process has the journal open and it was closed cleanly) the file alone is
/// the whole state, so it is opened as <c>immutable</c>, which creates nothing and takes no lock.
/// </remarks>
public sealed class JournalReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _snapshot;
    private bool _disposed;

    private JournalReader(string databasePath, SqliteConnection connection, SqliteTransaction snapshot, RunInfo? run)
    {
        DatabasePath = databasePath;
        _connection = connection;
        _snapshot = snapshot;
        Run = run;
    }

    /// <summary>Full path of the journal file.</summary>
    public string DatabasePath { get; }

    /// <summary>The recorded run; null when the batch stopped before recording it.</summary>
    public RunInfo? Run { get; }

    /// <summary>Opens <paramref name="databasePath"/> read-only.</summary>
    /// <exception cref="JournalStorageException">The file is missing, not a journal, from a newer axion-tiles, or unreadable.</exception>
    public static JournalReader Open(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        if (!File.Exists(path))
        {
            throw JournalThrow.Environment($"journal {path} does not exist");
        }

        var connection = new SqliteConnection(JournalConnection.ReadOnlyConnectionString(path, immutable: !File.Exists(path + "-wal")));
        SqliteTransaction? snapshot = null;
        try
        {
            connection.Open();
            snapshot = connection.BeginTransaction(deferred: true);
            CheckVersion(connection, snapshot, path);
            var reader = new JournalReader(path, connection, snapshot, BatchJournal.ReadRun(connection, snapshot));
            snapshot = null;
            connection = null;
            return reader;
        }
        catch (SqliteException ex)
        {
            throw JournalThrow.Storage(path, ex);
        }
        finally
        {
            snapshot?.Dispose();
            connection?.Dispose();
        }
    }

    /// <summary>Counts by state, failures, skips and the totals of done rows (see <see cref="BatchJournal.Summarize"/>).</summary>
    public JournalSummary Summarize() => Guarded(() => BatchJournal.SummarizeOn(_connection, _snapshot));

    /// <summary>The rows in <paramref name="state"/> (all rows when null), <paramref name="pageSize"/> at a time in <paramref name="order"/>.</summary>
    /// <param name="state">Only rows in this state; null for every row.</param>
    /// <param name="order">By CSV line (default) or by row id.</param>
    /// <param name="pageSize">Rows per query, &gt;= 1. Default 256.</param>
    public IEnumerable<JournalRow> EnumerateRows(RowState? state, JournalRowOrder order = JournalRowOrder.Line, int pageSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return RowPages.Stream<JournalRow>((after, limit) => Guarded(() => RowPages.Read(_connection, _snapshot, state, order, after, limit)), pageSize);
    }

    /// <summary>Ends the snapshot and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _snapshot.Dispose();
        _connection.Dispose();
    }

    private static void CheckVersion(SqliteConnection connection, SqliteTransaction snapshot, string path)
    {
        var version = Convert.ToInt32(JournalConnection.Scalar(connection, "PRAGMA user_version;", snapshot), CultureInfo.InvariantCulture);
        if (version < 1)
        {
            throw JournalThrow.Environment($"{path} is not an axion-tiles journal (user_version {version})");
        }

        if (version > JournalSchema.Version)
        {
            throw JournalThrow.Environment($"journal {path} has schema version {version}, newer than this axion-tiles understands ({JournalSchema.Version}): use a newer axion-tiles");
        }
    }

    private T Guarded<T>(Func<T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return read();
        }
        catch (SqliteException ex)
        {
            throw JournalThrow.Storage(DatabasePath, ex);
        }
    }
}
