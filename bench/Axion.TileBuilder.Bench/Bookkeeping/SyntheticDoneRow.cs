using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Bench.Bookkeeping;

/// <summary>
/// The journal side of a done row with a 2 x 2 tile grid, as <c>BatchRunner</c> records it (files, tile records in
/// <c>items_json</c>), with made-up but plausible values: no pixel is read or written.
/// </summary>
internal static class SyntheticDoneRow
{
    /// <summary>Tiles across and down.</summary>
    public const int Grid = 2;

    /// <summary>The run recorded by the benchmark's journals.</summary>
    public static RunInfo Run { get; } = new("{\"bench\":\"bookkeeping\"}", "bookkeeping.csv", new string('b', 64), "bench", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "local");

    /// <summary>Row id number <paramref name="index"/> (ordinal order = number order).</summary>
    public static string Id(int index) => FormattableString.Invariant($"bk-{index:D7}");

    /// <summary>The outcome of row <paramref name="rowId"/>: its four tiles written.</summary>
    public static RowOutcome Outcome(string rowId, int index)
    {
        var records = new List<TileRecord>(Grid * Grid);
        for (var r = 0; r < Grid; r++)
        {
            for (var c = 0; c < Grid; c++)
            {
                records.Add(Record(rowId, index, r, c));
            }
        }

        return new RowOutcome
        {
            TilesWritten = records.Count,
            Files = records.Select(t => t.File).ToList(),
            ItemsJson = new JsonObject
            {
                ["decisions"] = new JsonObject
                {
                    ["s2"] = new JsonObject { ["id"] = records[0].S2ItemId, ["cloud_cover"] = 12.5, ["aoi_clear_fraction"] = 0.97 },
                    ["s1"] = new JsonObject { ["id"] = records[0].S1ItemId, ["delta_days"] = 1.8 },
                },
                ["tiles"] = JsonSerializer.SerializeToNode(records),
            }.ToJsonString(),
            BytesRead = 16_400_000,
            Requests = 60,
            Seconds = 0.9,
        };
    }

    private static TileRecord Record(string rowId, int index, int tileRow, int tileCol)
    {
        var x0 = 300000 + ((index % 400) * 5120.0) + (tileCol * 2560);
        var y0 = 4700000 - ((index / 400 % 400) * 5120.0) - (tileRow * 2560);
        var lon = -94.0 + ((index % 400) * 0.06) + (tileCol * 0.03);
        var lat = 42.0 - ((index / 400 % 400) * 0.046) - (tileRow * 0.023);
        return new TileRecord
        {
            File = TileNames.FileName(rowId, tileRow, tileCol),
            RowId = rowId,
            TileRow = tileRow,
            TileCol = tileCol,
            Epsg = 32615,
            Bounds = [x0, y0 - 2560, x0 + 2560, y0],
            FootprintLonLat = [[lon, lat], [lon + 0.03, lat], [lon + 0.03, lat - 0.023], [lon, lat - 0.023], [lon, lat]],
            S2ItemId = FormattableString.Invariant($"S2B_MSIL2A_20250612T164849_R026_T15TVG_{index % 97:D2}"),
            S2Datetime = new DateTimeOffset(2025, 6, 12, 16, 48, 49, TimeSpan.Zero),
            S1ItemId = FormattableString.Invariant($"S1A_IW_GRDH_1SDV_20250614T001234_{index % 89:D2}_rtc"),
            S1Datetime = new DateTimeOffset(2025, 6, 14, 0, 12, 34, TimeSpan.Zero),
            DeltaDays = 1.3,
            ValidFraction = 0.98,
            SceneCloudCover = 12.5,
            AoiClearFraction = 0.97,
            OffsetRule = "baseline_ge_04_minus_1000",
        };
    }
}
