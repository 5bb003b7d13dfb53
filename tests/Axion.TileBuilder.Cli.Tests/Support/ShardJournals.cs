using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>Shard journals of a dataset folder made with the journal API, for <c>merge</c> and <c>status</c> tests.</summary>
internal static class ShardJournals
{
    /// <summary>A shard journal made with the journal API (in a scratch folder, moved to <c>_journal/</c>); done rows have one tile (0, 0).</summary>
    public static void Write(string dir, int index, int count, params (string RowId, RowState State)[] rows)
    {
        var scratch = Path.Combine(dir, ".scratch");
        using (var journal = BatchJournal.Open(scratch, create: true))
        {
            journal.StartRun(new RunInfo("{}", "locations.csv", new string('e', 64), "0.1.0", DateTimeOffset.UnixEpoch, "local"));
            journal.AddRows(rows.Select((r, i) => JournalRowSeed.Pending(r.RowId, i + 2, "{}")));
            foreach (var (rowId, state) in rows)
            {
                if (state == RowState.Pending)
                {
                    continue;
                }

                journal.MarkRunning(rowId);
                if (state == RowState.Failed)
                {
                    journal.MarkFailed(rowId, FailureKind.NoData, "no_clear_scene", "no clear scene", new RowSpend(FailedRowBytes, 3, 1.5));
                    continue;
                }

                var tile = Tile(rowId);
                journal.MarkDone(rowId, new RowOutcome
                {
                    TilesWritten = 1,
                    Files = [tile.File],
                    ItemsJson = new JsonObject { ["tiles"] = JsonSerializer.SerializeToNode(new[] { tile }) }.ToJsonString(),
                });
            }
        }

        var target = Path.Combine(dir, JournalLayout.ShardFolder, JournalLayout.ShardFileName(index, count));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(Path.Combine(scratch, BatchJournal.FileName), target);
        Directory.Delete(scratch, recursive: true);
    }

    /// <summary>The bytes every failed row of <see cref="Write"/> spent.</summary>
    public const long FailedRowBytes = 2_000_000;

    private static TileRecord Tile(string rowId) => new()
    {
        File = TileNames.FileName(rowId, 0, 0),
        RowId = rowId,
        TileRow = 0,
        TileCol = 0,
        Epsg = 32633,
        Bounds = [390000, 5818000, 392560, 5820560],
        FootprintLonLat = [[13.1, 52.5], [13.14, 52.5], [13.14, 52.52], [13.1, 52.52], [13.1, 52.5]],
        S2ItemId = "S2B_T33UUU",
        S2Datetime = new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero),
        S1ItemId = "S1A_IW",
        S1Datetime = new DateTimeOffset(2024, 6, 2, 5, 0, 0, TimeSpan.Zero),
        DeltaDays = 0.8,
        ValidFraction = 0.97,
        OffsetRule = "none",
    };
}
