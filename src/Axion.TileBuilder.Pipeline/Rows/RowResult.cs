using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>What one row produced.</summary>
public sealed record RowResult
{
    public required IReadOnlyList<TileRecord> Tiles { get; init; }

    public required int TilesRejected { get; init; }

    public required IReadOnlyDictionary<string, int> RejectedByReason { get; init; }

    /// <summary>JSON of the decisions: candidates, verdicts, chosen items, radiometry rule, read methods.</summary>
    public required string DecisionsJson { get; init; }

    public required long BytesRead { get; init; }

    public required long Requests { get; init; }

    public required double Seconds { get; init; }
}
