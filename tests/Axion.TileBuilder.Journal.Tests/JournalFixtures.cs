using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal.Tests;

/// <summary>Sample runs, seeds and outcomes, and raw SQLite access for inspecting the file.</summary>
internal static class JournalFixtures
{
    public const string Csv = "id,lat,lon\nA,48.1,11.5\nB,52.5,13.4\n";

    public static RunInfo Run(string csvPath = "locations.csv") => new(
        SettingsJson: """{"tileSize":256,"resolution":10}""",
        CsvPath: csvPath,
        CsvSha256: BatchJournal.HashCsv(new MemoryStream(Encoding.UTF8.GetBytes(Csv))),
        ToolVersion: "0.1.0",
        CreatedAt: new DateTimeOffset(2025, 3, 11, 6, 42, 49, TimeSpan.FromHours(2)),
        Catalog: "local");

    public static JournalRowSeed Seed(string id, int line) =>
        JournalRowSeed.Pending(id, line, string.Create(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","lat":{{line}}.5,"lon":11.0}"""));

    public static List<JournalRowSeed> Seeds(int count, int firstLine = 2) =>
        Enumerable.Range(0, count).Select(i => Seed(string.Create(CultureInfo.InvariantCulture, $"loc-{i:D3}"), firstLine + i)).ToList();

    public static RowOutcome Outcome(string id, int tiles = 2) => new()
    {
        TilesWritten = tiles,
        TilesRejected = 1,
        RejectedByReason = new Dictionary<string, int> { ["cloud"] = 1 },
        Files = Enumerable.Range(0, tiles).Select(i => string.Create(CultureInfo.InvariantCulture, $"{id}/tile_{i}.tif")).ToList(),
        ItemsJson = """{"s2":["S2A_33UUP_20250311_0_L2A"],"s1":[]}""",
        BytesRead = 1_000_000,
        Requests = 23,
        Seconds = 1.5,
    };

    /// <summary>A fresh journal in <paramref name="dir"/> with a run and <paramref name="rows"/> pending rows.</summary>
    public static BatchJournal Seeded(string dir, int rows, TimeProvider? clock = null)
    {
        var journal = BatchJournal.Open(dir, create: true, clock ?? TimeProvider.System);
        journal.StartRun(Run());
        journal.AddRows(Seeds(rows));
        return journal;
    }

    /// <summary>A connection to the journal file that bypasses BatchJournal (and its lock).</summary>
    public static SqliteConnection Raw(string dir)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dir, BatchJournal.FileName),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
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
