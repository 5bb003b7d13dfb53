using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal;

/// <summary>Consistent copies of a live journal: <see cref="SnapshotTo"/>.</summary>
public sealed partial class BatchJournal
{
    /// <summary>
    /// Writes a consistent, self-contained copy of the journal to <paramref name="path"/> with SQLite's
    /// <c>VACUUM INTO</c>: one read transaction, so the copy holds every committed change up to that moment and none
    /// after, and no <c>-wal</c> file goes with it (a byte copy of a live WAL database is not a journal). The workers
    /// wait for the copy (it runs under the journal's lock; a few milliseconds for thousands of rows).
    /// </summary>
    /// <param name="path">The copy; must not exist (SQLite refuses to overwrite).</param>
    /// <exception cref="JournalStorageException">The copy could not be written.</exception>
    public void SnapshotTo(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Locked(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path;";
            command.Parameters.Add(new SqliteParameter("$path", Path.GetFullPath(path)));
            command.ExecuteNonQuery();
            return 0;
        });
    }
}
