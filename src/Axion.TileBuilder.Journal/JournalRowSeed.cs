namespace Axion.TileBuilder.Journal;

/// <summary>
/// One CSV row as it enters the journal (see <see cref="BatchJournal.AddRows"/>).
/// </summary>
/// <param name="RowId">The location id, unique within the run (the journal's key).</param>
/// <param name="Line">1-based line number in the CSV (the header is line 1); rows are listed in this order.</param>
/// <param name="InputJson">The parsed row as a JSON document (for a rejected row, whatever the parser could keep).</param>
public sealed record JournalRowSeed(string RowId, int Line, string InputJson)
{
    /// <summary>
    /// <see cref="RowState.Pending"/> (default) or <see cref="RowState.Failed"/> for a row the CSV parser
    /// rejected; such a row is stored as failed with kind <c>bad_input</c> and is never claimable.
    /// </summary>
    public RowState State { get; init; } = RowState.Pending;

    /// <summary>Why the parser rejected the row (only with <see cref="RowState.Failed"/>); one line.</summary>
    public string? Message { get; init; }

    /// <summary>A row to process.</summary>
    public static JournalRowSeed Pending(string rowId, int line, string inputJson) => new(rowId, line, inputJson);

    /// <summary>A row the CSV parser rejected: stored as failed (<c>bad_input</c>) with <paramref name="message"/>.</summary>
    public static JournalRowSeed Rejected(string rowId, int line, string inputJson, string message) =>
        new(rowId, line, inputJson) { State = RowState.Failed, Message = message };
}
