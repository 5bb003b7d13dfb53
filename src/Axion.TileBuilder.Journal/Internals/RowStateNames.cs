namespace Axion.TileBuilder.Journal.Internals;

/// <summary>The lower-case text each <see cref="RowState"/> is stored as.</summary>
internal static class RowStateNames
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    public static string ToText(RowState state) => state switch
    {
        RowState.Pending => Pending,
        RowState.Running => Running,
        RowState.Done => Done,
        RowState.Failed => Failed,
        RowState.Skipped => Skipped,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown row state"),
    };

    public static bool TryParse(string? text, out RowState state)
    {
        switch (text)
        {
            case Pending: state = RowState.Pending; return true;
            case Running: state = RowState.Running; return true;
            case Done: state = RowState.Done; return true;
            case Failed: state = RowState.Failed; return true;
            case Skipped: state = RowState.Skipped; return true;
            default: state = default; return false;
        }
    }
}
