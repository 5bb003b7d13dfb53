using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal.Internals;

/// <summary>
/// Reads rows a page at a time with keyset paging (the last row of a page is the cursor of the next), so a
/// journal of any size is streamed with one page in memory. Shared by <see cref="BatchJournal"/> and
/// <see cref="JournalReader"/>.
/// </summary>
internal static class RowPages
{
    /// <summary>Rows after the cursor in <paramref name="order"/>, at most <paramref name="limit"/>.</summary>
    /// <param name="connection">An open journal connection.</param>
    /// <param name="tx">The connection's open transaction, if any (Microsoft.Data.Sqlite requires it on every command).</param>
    /// <param name="state">Only rows in this state; null for all rows.</param>
    /// <param name="order">Page order.</param>
    /// <param name="after">The last row of the previous page; null for the first page.</param>
    /// <param name="limit">Page size (rows, &gt;= 1).</param>
    public static List<JournalRow> Read(SqliteConnection connection, SqliteTransaction? tx, RowState? state, JournalRowOrder order, JournalRow? after, int limit)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        var where = new List<string>();
        if (state is { } wanted)
        {
            where.Add("state = $state");
            command.Parameters.AddWithValue("$state", RowStateNames.ToText(wanted));
        }

        if (after is not null)
        {
            where.Add(order == JournalRowOrder.Line ? "(line > $after_line OR (line = $after_line AND row_id > $after_id))" : "row_id > $after_id");
            command.Parameters.AddWithValue("$after_line", after.Line);
            command.Parameters.AddWithValue("$after_id", after.RowId);
        }

        command.CommandText = RowMapper.SelectColumns
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + (order == JournalRowOrder.Line ? " ORDER BY line, row_id" : " ORDER BY row_id")
            + " LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<JournalRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(RowMapper.Read(reader));
        }

        return rows;
    }

    /// <summary>
    /// The JSON value at <paramref name="jsonPath"/> of the outcome (<c>items_json</c>) of the rows in <paramref name="state"/>
    /// after the row of <paramref name="after"/> (rowid 0: from the first), at most <paramref name="limit"/>, in rowid order: SQLite
    /// extracts it, so only the value (not the row) comes back. The value is JSON text, or null where the path is absent.
    /// </summary>
    public static List<(long RowId, string? Value)> ReadOutcomeValues(SqliteConnection connection, SqliteTransaction? tx, RowState state, string jsonPath, (long RowId, string? Value) after, int limit)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT rowid, json_extract(items_json, $path) FROM rows WHERE state = $state AND rowid > $after ORDER BY rowid LIMIT $limit;";
        command.Parameters.AddWithValue("$path", jsonPath);
        command.Parameters.AddWithValue("$state", RowStateNames.ToText(state));
        command.Parameters.AddWithValue("$after", after.RowId);
        command.Parameters.AddWithValue("$limit", limit);
        var values = new List<(long, string?)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return values;
    }

    /// <summary>
    /// Every row (or value) page by page: <paramref name="readPage"/>(after, limit) is called when the previous page is
    /// used up, with its last element (<c>default</c> for the first page).
    /// </summary>
    public static IEnumerable<T> Stream<T>(Func<T?, int, List<T>> readPage, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        T? after = default;
        while (true)
        {
            var page = readPage(after, pageSize);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }
}
