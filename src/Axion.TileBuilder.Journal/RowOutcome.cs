namespace Axion.TileBuilder.Journal;

/// <summary>
/// What a finished row produced (see <see cref="BatchJournal.MarkDone"/>).
/// </summary>
public sealed record RowOutcome
{
    /// <summary>Tiles written to the out dir (count, &gt;= 0).</summary>
    public int TilesWritten { get; init; }

    /// <summary>Tiles computed but rejected by the quality rules (count, &gt;= 0).</summary>
    public int TilesRejected { get; init; }

    /// <summary>Rejected tiles by reason, e.g. <c>{"cloud": 3, "nodata": 1}</c>; default empty.</summary>
    public IReadOnlyDictionary<string, int> RejectedByReason { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// File names the row wrote, relative to the out dir. Required: at least one (a row that wrote
    /// nothing is failed or skipped, not done).
    /// </summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Which S2/S1 items were used and the decisions taken, as a JSON document; default <c>{}</c>.</summary>
    public string ItemsJson { get; init; } = "{}";

    /// <summary>Bytes read over the network for the row (bytes, &gt;= 0).</summary>
    public long BytesRead { get; init; }

    /// <summary>HTTP requests made for the row (count, &gt;= 0).</summary>
    public long Requests { get; init; }

    /// <summary>Wall time spent on the row (seconds, &gt;= 0).</summary>
    public double Seconds { get; init; }
}
