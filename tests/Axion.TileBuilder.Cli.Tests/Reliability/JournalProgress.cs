using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// Reads how many rows a running batch has finished from its <c>journal.db</c>, through a read-only SQLite
/// connection (the journal is in WAL mode, so the child's writes are not blocked).
/// </summary>
internal sealed class JournalProgress(string journalPath) : IDisposable
{
    private SqliteConnection? _connection;

    /// <summary>Rows done or failed; null while the journal or its rows do not exist yet.</summary>
    public int? RowsFinished()
    {
        try
        {
            if (_connection is null)
            {
                if (!File.Exists(journalPath))
                {
                    return null;
                }

                _connection = new SqliteConnection($"Data Source={journalPath};Mode=ReadOnly;Pooling=False");
                _connection.Open();
            }

            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM rows WHERE state IN ('done', 'failed')";
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            Dispose();
            return null;
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
