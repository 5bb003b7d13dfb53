using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Tests.Validation;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// A dataset folder built by three shards (<c>_journal/shard-K-of-3.db</c>) with real tiles for every done row.
/// Unfinished: shard 0 finished (bravo, delta done; echo failed), shard 1 unfinished (alpha done, charlie pending,
/// foxtrot running), shard 2 not started. Complete: every shard finished, golf done by shard 2.
/// </summary>
internal static class ShardedDataset
{
    public const int Shards = 3;

    public static IReadOnlyList<JournalFixture.Row> Shard0 { get; } =
    [
        new("bravo", 3, RowState.Done, (0, 1), (0, 0)),
        new("delta", 5, RowState.Done, (0, 0)),
        new("echo", 6, RowState.Failed),
    ];

    public static IReadOnlyList<JournalFixture.Row> Shard1Unfinished { get; } =
    [
        new("alpha", 2, RowState.Done, (1, 0), (0, 0)),
        new("charlie", 4, RowState.Pending),
        new("foxtrot", 7, RowState.Running),
    ];

    public static IReadOnlyList<JournalFixture.Row> Shard1Finished { get; } =
    [
        new("alpha", 2, RowState.Done, (1, 0), (0, 0)),
        new("charlie", 4, RowState.Done, (0, 0)),
        new("foxtrot", 7, RowState.Done, (0, 1)),
    ];

    public static IReadOnlyList<JournalFixture.Row> Shard2 { get; } = [new("golf", 8, RowState.Done, (0, 0))];

    /// <summary>Tiles of the unfinished dataset in merge order: by row id, then tile row and column.</summary>
    public static IReadOnlyList<(string RowId, int Row, int Col)> UnfinishedTiles { get; } =
        [("alpha", 0, 0), ("alpha", 1, 0), ("bravo", 0, 0), ("bravo", 0, 1), ("delta", 0, 0)];

    /// <summary>Writes the shard journals and the tile files of their done rows.</summary>
    public static void Create(string outDir, bool complete)
    {
        var shards = complete ? [Shard0, Shard1Finished, Shard2] : new[] { Shard0, Shard1Unfinished };
        for (var k = 0; k < shards.Length; k++)
        {
            JournalFixture.WriteShard(outDir, k, Shards, shards[k]);
            foreach (var row in shards[k].Where(r => r.State == RowState.Done))
            {
                foreach (var (tileRow, tileCol) in row.Cells)
                {
                    TileContent.Realistic(row.RowId, tileRow, tileCol, nanRows: 2).Write(outDir);
                }
            }
        }
    }
}
