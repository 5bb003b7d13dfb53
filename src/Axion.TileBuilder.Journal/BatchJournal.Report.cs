using System.Globalization;
using Axion.TileBuilder.Journal.Internals;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal;

/// <summary>Read-only reports: <see cref="Summarize"/>, <see cref="CheckIntegrity"/>.</summary>
public sealed partial class BatchJournal
{
    /// <summary>At most this many invariant problems are listed one by one; the rest are counted.</summary>
    public const int MaxListedProblems = 50;

    private const string KnownStates = "('pending', 'running', 'done', 'failed', 'skipped')";
    private const string KnownKinds = "('transient', 'permanent', 'bad_input', 'no_scene', 'environment', 'internal')";

    /// <summary>
    /// Invariants over the rows, each query returning (row_id, line, detail) for offending rows.
    /// A CASE keeps the JSON functions away from text that is not JSON.
    /// </summary>
    private static readonly (string Sql, string Problem)[] Invariants =
    [
        ($"SELECT row_id, line, state FROM rows WHERE state NOT IN {KnownStates}", "has unknown state '{0}'"),
        ("""
         SELECT row_id, line, coalesce(files_json, 'NULL') FROM rows WHERE state = 'done' AND CASE
             WHEN files_json IS NULL THEN 1 WHEN json_valid(files_json) = 0 THEN 1
             WHEN json_type(files_json) <> 'array' THEN 1 WHEN json_array_length(files_json) = 0 THEN 1 ELSE 0 END = 1
         """, "is done but lists no tile files (files_json {0})"),
        ("SELECT row_id, line, '' FROM rows WHERE state = 'done' AND (finished_at IS NULL OR tiles_written IS NULL)", "is done but has no finish time or tile count{0}"),
        ($"SELECT row_id, line, coalesce(failure_kind, 'NULL') FROM rows WHERE state = 'failed' AND (failure_kind IS NULL OR failure_kind NOT IN {KnownKinds})", "is failed with unknown failure kind '{0}'"),
        ("SELECT row_id, line, retryable FROM rows WHERE state = 'failed' AND retryable <> (failure_kind = 'transient')", "is failed with retryable = {0}, inconsistent with its failure kind"),
        ("SELECT row_id, line, state FROM rows WHERE state <> 'failed' AND retryable <> 0", "is {0} but marked retryable"),
        ("SELECT row_id, line, state FROM rows WHERE state IN ('failed', 'skipped') AND reason IS NULL", "is {0} without a reason"),
        ("SELECT row_id, line, state FROM rows WHERE state = 'running' AND (attempts < 1 OR started_at IS NULL)", "is {0} but was never claimed"),
        ("SELECT row_id, line, line FROM rows WHERE line < 1", "has line number {0}"),
        ("SELECT row_id, line, '' FROM rows WHERE NOT EXISTS (SELECT 1 FROM run) LIMIT 1", "exists but the journal records no run{0}"),
    ];

    /// <summary>Counts by state, failures by kind and reason, skips by reason, and the totals of done rows, from one snapshot.</summary>
    public JournalSummary Summarize() => Locked(connection => SummarizeOn(connection, null));

    /// <summary>The summary read on <paramref name="connection"/>: inside <paramref name="snapshot"/> when one is open, else in its own read transaction.</summary>
    internal static JournalSummary SummarizeOn(SqliteConnection connection, SqliteTransaction? snapshot)
    {
        using var own = snapshot is null ? connection.BeginTransaction(deferred: true) : null;
        var tx = snapshot ?? own;
        var byState = Enum.GetValues<RowState>().ToDictionary(s => s, _ => 0);
        var total = 0;
        var attempts = 0L;
        ForEachRow(connection, tx, "SELECT state, COUNT(*), SUM(attempts) FROM rows GROUP BY state;", r =>
        {
            var count = r.GetInt32(1);
            total += count;
            attempts += r.GetInt64(2);
            if (RowStateNames.TryParse(r.GetString(0), out var state))
            {
                byState[state] = count;
            }
        });

        var byKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        var retryable = 0;
        ForEachRow(connection, tx, "SELECT coalesce(failure_kind, '?'), coalesce(reason, '?'), retryable, COUNT(*) FROM rows WHERE state = 'failed' GROUP BY 1, 2, 3;", r =>
        {
            var count = r.GetInt32(3);
            Add(byKind, r.GetString(0), count);
            Add(byReason, r.GetString(1), count);
            retryable += r.GetInt64(2) != 0 ? count : 0;
        });

        var skips = new Dictionary<string, int>(StringComparer.Ordinal);
        ForEachRow(connection, tx, "SELECT coalesce(reason, '?'), COUNT(*) FROM rows WHERE state = 'skipped' GROUP BY 1;", r =>
            skips[r.GetString(0)] = r.GetInt32(1));

        var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
        ForEachRow(
            connection,
            tx,
            """
            SELECT j.key, SUM(j.value) FROM rows, json_each(CASE WHEN json_valid(rows.rejected_json) THEN rows.rejected_json ELSE '{}' END) AS j
            WHERE rows.state = 'done' GROUP BY j.key;
            """,
            r => rejected[r.GetString(0)] = r.GetInt64(1));

        JournalSummary? summary = null;
        ForEachRow(
            connection,
            tx,
            """
            SELECT coalesce(SUM(tiles_written), 0), coalesce(SUM(tiles_rejected), 0), coalesce(SUM(bytes_read), 0),
                   coalesce(SUM(requests), 0), coalesce(SUM(seconds), 0.0)
            FROM rows WHERE state IN ('done', 'failed');
            """,
            r => summary = new JournalSummary
            {
                RowsTotal = total,
                ByState = byState,
                RetryableFailed = retryable,
                FailuresByKind = byKind,
                FailuresByReason = byReason,
                SkipsByReason = skips,
                TilesWritten = r.GetInt64(0),
                TilesRejected = r.GetInt64(1),
                RejectedByReason = rejected,
                BytesRead = r.GetInt64(2),
                Requests = r.GetInt64(3),
                Seconds = r.GetDouble(4),
                Attempts = attempts,
            });
        own?.Commit();
        return summary ?? throw new InvalidOperationException("an aggregate query returned no row");
    }

    /// <summary>
    /// SQLite's <c>PRAGMA integrity_check</c> plus the journal's invariants (known states; done rows list
    /// their files; failed rows carry a known kind and a reason; rows only with a run; the schema version).
    /// </summary>
    /// <returns>One line per problem; empty when the journal is sound.</returns>
    public IReadOnlyList<string> CheckIntegrity() => Locked(connection =>
    {
        var problems = new List<string>();
        try
        {
            ForEachRow(connection, null, "PRAGMA integrity_check;", r =>
            {
                var line = r.GetString(0);
                if (!string.Equals(line, "ok", StringComparison.Ordinal))
                {
                    problems.Add("sqlite integrity_check: " + line);
                }
            });

            var version = Convert.ToInt32(JournalConnection.Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            if (version != JournalSchema.Version)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"schema version is {version}, expected {JournalSchema.Version}"));
            }

            var hidden = 0;
            foreach (var (sql, problem) in Invariants)
            {
                ForEachRow(connection, null, sql + ";", r =>
                {
                    if (problems.Count >= MaxListedProblems)
                    {
                        hidden++;
                        return;
                    }

                    var detail = r.IsDBNull(2) ? "NULL" : Convert.ToString(r.GetValue(2), CultureInfo.InvariantCulture);
                    problems.Add(string.Format(
                        CultureInfo.InvariantCulture,
                        "row '{0}' (line {1}) {2}",
                        r.GetString(0),
                        r.GetInt64(1),
                        string.Format(CultureInfo.InvariantCulture, problem, detail)));
                });
            }

            if (hidden > 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"... and {hidden} more problems"));
            }
        }
        catch (SqliteException ex)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"sqlite error {ex.SqliteErrorCode} while checking: {ex.Message}"));
        }

        return problems;
    });

    /// <summary>Runs <paramref name="sql"/> and calls <paramref name="onRow"/> for each result row.</summary>
    private static void ForEachRow(SqliteConnection connection, SqliteTransaction? tx, string sql, Action<SqliteDataReader> onRow)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            onRow(reader);
        }
    }

    private static void Add(Dictionary<string, int> map, string key, int count) =>
        map[key] = map.TryGetValue(key, out var n) ? n + count : count;
}
