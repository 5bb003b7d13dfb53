using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal;

/// <summary>
/// An illegal use of the journal: a state transition the state machine forbids (e.g. redoing a done
/// row), a row id that is not in the journal, or starting a run over an existing one.
/// </summary>
public sealed class JournalStateException : AxionException
{
    public JournalStateException(string message, string? rowId = null, RowState? from = null, RowState? to = null)
        : base(FailureKind.Permanent, message)
    {
        RowId = rowId;
        From = from;
        To = to;
    }

    /// <summary>The row concerned, when there is one.</summary>
    public string? RowId { get; }

    /// <summary>The row's state at the time (null when the row does not exist or no row is concerned).</summary>
    public RowState? From { get; }

    /// <summary>The state asked for.</summary>
    public RowState? To { get; }

    public override string Reason => "journal_state";
}
