using System.Globalization;
using Axion.TileBuilder.Errors;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal.Internals;

/// <summary>Opens <c>journal.db</c> with the durability settings and brings its schema up to date.</summary>
internal static class JournalConnection
{
    public static SqliteConnection Open(string dbPath, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = dbPath,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            // One long-lived connection per journal; no pool, so Dispose really closes the file.
            Pooling = false,
            DefaultTimeout = BatchJournal.BusyTimeoutMilliseconds / 1000,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL;") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw JournalThrow.Environment($"journal {dbPath}: SQLite refused WAL mode (journal_mode is '{mode}')");
            }

            Execute(connection, "PRAGMA synchronous = FULL;");
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BatchJournal.BusyTimeoutMilliseconds};"));
            Migrate(connection, dbPath);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The connection string of a read-only reader that holds no lock of the out dir: SQLite's read-only mode, no
    /// pooling, and with <paramref name="immutable"/> (no <c>-wal</c> file: the main file is the whole state) the
    /// <c>immutable</c> URI flag, so the open creates no <c>-wal</c>/<c>-shm</c> file and takes no lock.
    /// </summary>
    public static string ReadOnlyConnectionString(string dbPath, bool immutable) => new SqliteConnectionStringBuilder
    {
        DataSource = immutable ? new Uri(dbPath).AbsoluteUri + "?immutable=1" : dbPath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
        DefaultTimeout = BatchJournal.BusyTimeoutMilliseconds / 1000,
    }.ToString();

    /// <summary>
    /// Opens <c>journal.db</c> read-only for a reader that does not hold the out dir's lock (<c>status</c>): no
    /// schema change, no checkpoint, no WAL mode switch. With <paramref name="immutable"/> (no process holds the
    /// out dir and no <c>-wal</c> file exists, so the main file is the whole state) SQLite opens it as
    /// <c>immutable</c>: it creates no <c>-wal</c>/<c>-shm</c> file and takes no lock. Otherwise it reads the
    /// writer's WAL through the existing <c>-shm</c> file, seeing the last committed state.
    /// </summary>
    /// <returns>The connection and the file's schema version (<c>PRAGMA user_version</c>).</returns>
    public static (SqliteConnection Connection, int Version) OpenReadOnly(string dbPath, bool immutable)
    {
        var connection = new SqliteConnection(ReadOnlyConnectionString(dbPath, immutable));
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BatchJournal.BusyTimeoutMilliseconds};"));
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            if (version > JournalSchema.Version)
            {
                throw new JournalStorageException(
                    FailureKind.Environment,
                    $"journal {dbPath} has schema version {version}, newer than this axion-tiles understands ({JournalSchema.Version}): use a newer axion-tiles");
            }

            return (connection, version);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Applies <see cref="JournalSchema.Migrations"/> from the file's user_version up, in one transaction.</summary>
    private static void Migrate(SqliteConnection connection, string dbPath)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > JournalSchema.Version)
        {
            throw new JournalStorageException(
                FailureKind.Environment,
                $"journal {dbPath} has schema version {version}, newer than this axion-tiles understands ({JournalSchema.Version}): use a newer axion-tiles");
        }

        if (version == 0)
        {
            var objects = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM sqlite_schema;"), CultureInfo.InvariantCulture);
            if (objects != 0)
            {
                throw new JournalStorageException(
                    FailureKind.Environment,
                    $"{dbPath} is an SQLite file but not an axion-tiles journal (user_version 0 with {objects} schema objects)");
            }
        }

        if (version == JournalSchema.Version)
        {
            return;
        }

        // All pending steps in one transaction: a file is at one version or the next, never half-way, and a new
        // journal's schema costs its pages once (the WAL grows with every commit; a nearly full disk needs that room).
        using var tx = connection.BeginTransaction(deferred: false);
        for (var v = version; v < JournalSchema.Version; v++)
        {
            Execute(connection, JournalSchema.Migrations[v], tx);
        }

        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {JournalSchema.Version};"), tx);
        tx.Commit();
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command.ExecuteScalar();
    }

    public static int Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command.ExecuteNonQuery();
    }
}
