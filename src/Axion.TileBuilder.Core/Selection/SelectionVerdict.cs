namespace Axion.TileBuilder.Selection;

/// <summary>Whether a candidate passed the selection rules.</summary>
public enum SelectionVerdict
{
    /// <summary>Eligible; its rank says in which order it is tried.</summary>
    Accepted,

    /// <summary>Excluded; the reason says why.</summary>
    Rejected,
}
