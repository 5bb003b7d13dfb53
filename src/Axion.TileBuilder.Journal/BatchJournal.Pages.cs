using Axion.TileBuilder.Journal.Internals;

namespace Axion.TileBuilder.Journal;

/// <summary>Streaming reads: <see cref="EnumerateRows"/>, <see cref="EnumerateOutcomeValues"/>.</summary>
public sealed partial class BatchJournal
{
    /// <summary>
    /// The rows in <paramref name="state"/> (all rows when null), read lazily <paramref name="pageSize"/> at a time in
    /// <paramref name="order"/>, so a batch of any size holds one page in memory. Each page is a fresh query after the
    /// last row of the previous one: a row that changes state meanwhile is seen in its new state or not at all.
    /// </summary>
    /// <param name="state">Only rows in this state; null for every row.</param>
    /// <param name="order">By CSV line (default) or by row id.</param>
    /// <param name="pageSize">Rows per query, &gt;= 1. Default 256.</param>
    public IEnumerable<JournalRow> EnumerateRows(RowState? state, JournalRowOrder order = JournalRowOrder.Line, int pageSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return RowPages.Stream<JournalRow>((after, limit) => Locked(connection => RowPages.Read(connection, null, state, order, after, limit)), pageSize);
    }

    /// <summary>
    /// One part of the outcome of every row in <paramref name="state"/>: the JSON value at <paramref name="jsonPath"/> of its
    /// <see cref="RowOutcome.ItemsJson"/> (SQLite's <c>json_extract</c> path, e.g. <c>$.decisions.timesteps</c>), as JSON text,
    /// null where absent; <paramref name="pageSize"/> rows per query. Much cheaper than <see cref="EnumerateRows"/> when only a
    /// small part of large outcomes is needed: the rows themselves never leave SQLite.
    /// </summary>
    public IEnumerable<string?> EnumerateOutcomeValues(RowState state, string jsonPath, int pageSize = 1024)
    {
        ArgumentException.ThrowIfNullOrEmpty(jsonPath);
        return RowPages.Stream<(long RowId, string? Value)>((after, limit) => Locked(connection => RowPages.ReadOutcomeValues(connection, null, state, jsonPath, after, limit)), pageSize)
            .Select(v => v.Value);
    }
}
