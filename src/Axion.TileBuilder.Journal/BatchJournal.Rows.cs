using Axion.TileBuilder.Journal.Internals;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal;

/// <summary>Seeding and reading rows: <see cref="AddRows"/>, <see cref="Get"/>, <see cref="List"/>, <see cref="Claimable"/>.</summary>
public sealed partial class BatchJournal
{
    private const string InsertRow = """
        INSERT OR IGNORE INTO rows (row_id, line, input_json, state, retryable, failure_kind, reason, message, created_at, finished_at, updated_at)
        VALUES ($id, $line, $input, $state, 0, $kind, $reason, $message, $now, $finished, $now);
        """;

    private const string OrderByLine = " ORDER BY line, row_id;";

    /// <summary>Claim order: rows that never crashed the process first, then by CSV line.</summary>
    private const string ClaimOrder = " ORDER BY crashes, line, row_id;";

    private const string ClaimableWhere = """
         WHERE state IN ('pending', 'running')
            OR (state = 'failed' AND $retry_failed = 1 AND retryable = 1)
            OR (state = 'failed' AND $retry_permanent = 1 AND failure_kind IS NOT NULL AND failure_kind <> 'bad_input')
        """;

    /// <summary>
    /// Seeds rows in one transaction. Idempotent: a row id already in the journal is kept exactly as it
    /// is (a done row stays done); within one call the first seed of an id wins.
    /// </summary>
    /// <returns>How many rows were new.</returns>
    /// <exception cref="JournalStateException">No run recorded yet (call <see cref="StartRun"/> first).</exception>
    public int AddRows(IEnumerable<JournalRowSeed> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var seeds = rows.ToList();
        foreach (var seed in seeds)
        {
            ValidateSeed(seed);
        }

        return Locked(connection =>
        {
            if (_run is null)
            {
                throw new JournalStateException($"the journal in {OutDir} records no run yet: StartRun before AddRows");
            }

            var now = Now();
            using var tx = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = InsertRow;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var line = command.Parameters.Add("$line", SqliteType.Integer);
            var input = command.Parameters.Add("$input", SqliteType.Text);
            var state = command.Parameters.Add("$state", SqliteType.Text);
            var kind = command.Parameters.Add("$kind", SqliteType.Text);
            var reason = command.Parameters.Add("$reason", SqliteType.Text);
            var message = command.Parameters.Add("$message", SqliteType.Text);
            var finished = command.Parameters.Add("$finished", SqliteType.Text);
            command.Parameters.AddWithValue("$now", now);
            var added = 0;
            foreach (var seed in seeds)
            {
                var rejected = seed.State == RowState.Failed;
                id.Value = seed.RowId;
                line.Value = seed.Line;
                input.Value = seed.InputJson;
                state.Value = RowStateNames.ToText(seed.State);
                kind.Value = rejected ? FailureKindNames.BadInput : DBNull.Value;
                reason.Value = rejected ? FailureKindNames.BadInput : DBNull.Value;
                message.Value = rejected ? RowText.Message(seed.Message) : DBNull.Value;
                finished.Value = rejected ? now : DBNull.Value;
                added += command.ExecuteNonQuery();
            }

            if (added > 0)
            {
                TouchRunUpdated(connection, tx, now);
            }

            tx.Commit();
            return added;
        });
    }

    /// <summary>The row <paramref name="rowId"/>, or null when it is not in the journal.</summary>
    public JournalRow? Get(string rowId)
    {
        ArgumentNullException.ThrowIfNull(rowId);
        return Locked(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = RowMapper.SelectColumns + " WHERE row_id = $id;";
            command.Parameters.AddWithValue("$id", rowId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? RowMapper.Read(reader) : null;
        });
    }

    /// <summary>All rows, or the rows in <paramref name="state"/>, ordered by CSV line.</summary>
    public IReadOnlyList<JournalRow> List(RowState? state = null) => Locked(connection =>
    {
        using var command = connection.CreateCommand();
        if (state is { } wanted)
        {
            command.CommandText = RowMapper.SelectColumns + " WHERE state = $state" + OrderByLine;
            command.Parameters.AddWithValue("$state", RowStateNames.ToText(wanted));
        }
        else
        {
            command.CommandText = RowMapper.SelectColumns + OrderByLine;
        }

        return ReadAll(command);
    });

    /// <summary>
    /// The rows a run (or resume) should process, rows that crashed the process (<see cref="JournalRow.Crashes"/>) after
    /// the others, each group ordered by CSV line: pending rows, running rows (caught
    /// mid-way by a crash, so redone), plus failed transient rows with <paramref name="retryFailed"/>, plus
    /// every failed row except <c>bad_input</c> with <paramref name="retryPermanent"/>. Done, skipped and
    /// <c>bad_input</c> rows are never claimable.
    /// </summary>
    /// <remarks>The failed rows returned here, and only they, may then be passed to <see cref="MarkRunning"/>;
    /// each call replaces the previous call's set.</remarks>
    public IReadOnlyList<JournalRow> Claimable(bool retryFailed, bool retryPermanent) => Locked(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = RowMapper.SelectColumns + ClaimableWhere + ClaimOrder;
        command.Parameters.AddWithValue("$retry_failed", retryFailed ? 1 : 0);
        command.Parameters.AddWithValue("$retry_permanent", retryPermanent ? 1 : 0);
        var rows = ReadAll(command);
        _retryGrants.Clear();
        foreach (var row in rows)
        {
            if (row.State == RowState.Failed)
            {
                _retryGrants.Add(row.RowId);
            }
        }

        return rows;
    });

    /// <summary>How many rows <see cref="Claimable"/> would return, without reading them.</summary>
    public int CountClaimable(bool retryFailed, bool retryPermanent) => Locked(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM rows" + ClaimableWhere + ";";
        command.Parameters.AddWithValue("$retry_failed", retryFailed ? 1 : 0);
        command.Parameters.AddWithValue("$retry_permanent", retryPermanent ? 1 : 0);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>
    /// <see cref="Claimable"/> read lazily, <paramref name="pageSize"/> rows at a time in claim order (see <see cref="Claimable"/>), so a batch of
    /// any size holds one page in memory. Each page is read when the previous one is used up, after the rows before
    /// it have moved on (a row failed earlier in the same run lies before the cursor and is not handed out again).
    /// The failed rows handed out may be passed to <see cref="MarkRunning"/>; starting the enumeration replaces the
    /// set granted by earlier calls.
    /// </summary>
    public IEnumerable<JournalRow> EnumerateClaimable(bool retryFailed, bool retryPermanent, int pageSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        // Two passes: rows that never crashed (by line, the index rows_by_line serves the order), then the few that did.
        var first = true;
        foreach (var crashed in new[] { false, true })
        {
            (int Crashes, long Line, string RowId)? after = null;
            while (true)
            {
                var page = ClaimablePage(retryFailed, retryPermanent, crashed, after, pageSize, first);
                first = false;
                foreach (var row in page)
                {
                    yield return row;
                }

                if (page.Count < pageSize)
                {
                    break;
                }

                after = (page[^1].Crashes, page[^1].Line, page[^1].RowId);
            }
        }
    }

    private List<JournalRow> ClaimablePage(
        bool retryFailed,
        bool retryPermanent,
        bool crashed,
        (int Crashes, long Line, string RowId)? after,
        int limit,
        bool resetGrants) => Locked(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = RowMapper.SelectColumns
            + " WHERE (" + ClaimableWhere.Replace("WHERE", string.Empty, StringComparison.Ordinal) + ")"
            + (crashed
                ? " AND crashes > 0 AND (crashes, line, row_id) > ($after_crashes, $after_line, $after_id)" + ClaimOrder.TrimEnd(';')
                : " AND crashes = 0 AND (line > $after_line OR (line = $after_line AND row_id > $after_id))" + OrderByLine.TrimEnd(';'))
            + " LIMIT $limit;";
        command.Parameters.AddWithValue("$retry_failed", retryFailed ? 1 : 0);
        command.Parameters.AddWithValue("$retry_permanent", retryPermanent ? 1 : 0);
        command.Parameters.AddWithValue("$after_crashes", after?.Crashes ?? int.MinValue);
        command.Parameters.AddWithValue("$after_line", after?.Line ?? long.MinValue);
        command.Parameters.AddWithValue("$after_id", after?.RowId ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
        var rows = ReadAll(command);
        if (resetGrants)
        {
            _retryGrants.Clear();
        }

        foreach (var row in rows)
        {
            if (row.State == RowState.Failed)
            {
                _retryGrants.Add(row.RowId);
            }
        }

        return rows;
    });

    private static List<JournalRow> ReadAll(SqliteCommand command)
    {
        var rows = new List<JournalRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(RowMapper.Read(reader));
        }

        return rows;
    }

    private static void ValidateSeed(JournalRowSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (string.IsNullOrWhiteSpace(seed.RowId))
        {
            JournalThrow.Argument(nameof(seed), $"RowId must not be empty, got '{seed.RowId}' (line {seed.Line})");
        }

        if (seed.Line < 1)
        {
            JournalThrow.Argument(nameof(seed), $"Line must be >= 1, got {seed.Line} for row '{seed.RowId}'");
        }

        if (seed.State is not (RowState.Pending or RowState.Failed))
        {
            JournalThrow.Argument(nameof(seed), $"a seed is pending or failed (rejected by the CSV parser), got {RowStateNames.ToText(seed.State)} for row '{seed.RowId}'");
        }

        JournalThrow.IfNotJson(seed.InputJson, nameof(seed.InputJson));
    }
}
