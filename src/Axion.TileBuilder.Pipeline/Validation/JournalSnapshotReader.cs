using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>
/// Reads <c>journal.db</c> through its own read-only SQLite connection, without the folder's
/// exclusive lock that <c>BatchJournal.Open</c> takes, so a dataset can be validated while a batch
/// works on it (WAL mode lets a reader see the last committed state).
/// </summary>
internal static class JournalSnapshotReader
{
    private const string Query = "SELECT row_id, state, files_json FROM rows ORDER BY line, row_id;";

    /// <summary>Reads the done rows' files and the running rows; throws <see cref="SqliteException"/> or <see cref="JsonException"/> for a damaged journal.</summary>
    /// <param name="databasePath">Full path of <c>journal.db</c>.</param>
    /// <param name="live">Whether a process holds the folder (a batch is running).</param>
    /// <remarks>
    /// A WAL-mode database opened read-only creates <c>-wal</c> and <c>-shm</c> files it cannot remove.
    /// When no batch runs and no <c>-wal</c> file exists (a cleanly closed journal) the file alone is the
    /// whole state, so it is opened as <c>immutable</c>, which creates nothing and takes no lock.
    /// </remarks>
    public static JournalSnapshot Read(string databasePath, bool live)
    {
        var immutable = !live && !File.Exists(databasePath + "-wal");
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? new Uri(databasePath).AbsoluteUri + "?immutable=1" : databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 10,
        };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        using var reader = command.ExecuteReader();
        var done = new Dictionary<string, string>(StringComparer.Ordinal);
        var running = new List<string>();
        while (reader.Read())
        {
            var rowId = reader.GetString(0);
            var state = reader.GetString(1);
            if (state == "running")
            {
                running.Add(rowId);
            }
            else if (state == "done" && !reader.IsDBNull(2))
            {
                foreach (var file in JsonSerializer.Deserialize<List<string>>(reader.GetString(2)) ?? [])
                {
                    done.TryAdd(file, rowId);
                }
            }
        }

        return new JournalSnapshot(done, running);
    }
}
