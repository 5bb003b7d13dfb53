using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// Journals written with the real <see cref="BatchJournal"/> API: done rows carry <see cref="TileRecord"/>s in
/// <c>items_json</c> as <c>BatchRunner</c> stores them. Each tile's values follow from its row id and grid cell.
/// </summary>
internal static class JournalFixture
{
    /// <summary>One CSV row of a fixture batch.</summary>
    /// <param name="RowId">Location id.</param>
    /// <param name="Line">CSV line (2 = first data row).</param>
    /// <param name="State">Done, failed, pending or running.</param>
    /// <param name="Cells">Done rows: the tiles' (row, col) in the order the row recorded them.</param>
    internal sealed record Row(string RowId, int Line, RowState State, params (int Row, int Col)[] Cells);

    /// <summary>Writes <c>&lt;outDir&gt;/journal.db</c> holding <paramref name="rows"/>.</summary>
    public static void Write(string outDir, IReadOnlyList<Row> rows)
    {
        using var journal = BatchJournal.Open(outDir, create: true);
        journal.StartRun(new RunInfo("{\"min_valid\":0.9}", "locations.csv", new string('c', 64), "0.1.0", new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), "local"));
        journal.AddRows(rows.Select(r => JournalRowSeed.Pending(r.RowId, r.Line, "{}")));
        foreach (var row in rows)
        {
            switch (row.State)
            {
                case RowState.Done:
                    journal.MarkRunning(row.RowId);
                    var records = row.Cells.Select(c => Record(row.RowId, c.Row, c.Col)).ToList();
                    journal.MarkDone(row.RowId, new RowOutcome
                    {
                        TilesWritten = records.Count,
                        Files = records.Select(r => r.File).ToList(),
                        ItemsJson = new JsonObject { ["decisions"] = new JsonObject(), ["tiles"] = JsonSerializer.SerializeToNode(records) }.ToJsonString(),
                        BytesRead = 1000 * records.Count,
                        Requests = 10,
                        Seconds = 1.5,
                    });
                    break;
                case RowState.Failed:
                    journal.MarkRunning(row.RowId);
                    journal.MarkFailed(row.RowId, FailureKind.NoData, "no_clear_scene", "no scene below 30 % cloud");
                    break;
                case RowState.Running:
                    journal.MarkRunning(row.RowId);
                    break;
                case RowState.Pending:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(rows), row.State, "unsupported fixture state");
            }
        }
    }

    /// <summary>
    /// Writes the journal of shard <paramref name="index"/> of <paramref name="count"/> at
    /// <c>&lt;outDir&gt;/_journal/shard-K-of-N.db</c> (made in a scratch folder and moved there once closed).
    /// </summary>
    public static string WriteShard(string outDir, int index, int count, IReadOnlyList<Row> rows)
    {
        var scratch = Path.Combine(outDir, ".scratch-" + Guid.NewGuid().ToString("N"));
        Write(scratch, rows);
        var target = Path.Combine(outDir, JournalLayout.ShardFolder, JournalLayout.ShardFileName(index, count));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(Path.Combine(scratch, BatchJournal.FileName), target);
        Directory.Delete(scratch, recursive: true);
        return target;
    }

    /// <summary>The record of tile (<paramref name="tileRow"/>, <paramref name="tileCol"/>) of <paramref name="rowId"/>; values vary with all three.</summary>
    public static TileRecord Record(string rowId, int tileRow, int tileCol)
    {
        var seed = (rowId.Length * 7) + (tileRow * 3) + tileCol;
        var x0 = 399960 + (tileCol * 2560) + (seed * 10);
        var y0 = 5800020 - (tileRow * 2560);
        var lon = 9.1 + (tileCol * 0.037) + (seed * 0.001);
        var lat = 52.3 - (tileRow * 0.023);
        return new TileRecord
        {
            File = TileNames.FileName(rowId, tileRow, tileCol),
            RowId = rowId,
            TileRow = tileRow,
            TileCol = tileCol,
            Epsg = 32632,
            Bounds = [x0, y0 - 2560, x0 + 2560.5, y0],
            FootprintLonLat = [[lon, lat], [lon + 0.037, lat], [lon + 0.037, lat + 0.023], [lon, lat + 0.023], [lon, lat]],
            S2ItemId = "S2B_MSIL2A_20240612T104619_R051_T32UNU_" + seed,
            S2Datetime = new DateTimeOffset(2024, 6, 12, 10, 46, 19, 24, TimeSpan.Zero).AddTicks(seed),
            S1ItemId = "S1A_IW_GRDH_1SDV_20240614,\"rtc\"",
            S1Datetime = new DateTimeOffset(2024, 6, 14, 5, 50, 25, 500, TimeSpan.Zero),
            DeltaDays = 1.7963 + (seed / 1000.0),
            ValidFraction = 0.9 + (seed / 1000.0),
            SceneCloudCover = 12.5,
            AoiClearFraction = 0.97 - (seed / 10000.0),
            OffsetRule = "baseline_ge_04_minus_1000",
            S2ItemIds = tileCol == 1 ? ["S2B_A", "S2B_B"] : null,
            S1ItemIds = tileCol == 1 ? ["S1A_A"] : null,
        };
    }
}
