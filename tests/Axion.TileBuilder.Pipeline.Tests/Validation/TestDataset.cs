using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;

namespace Axion.TileBuilder.Pipeline.Tests.Validation;

/// <summary>A small finished batch: two rows of two tiles each, with <c>journal.db</c> and <c>index.csv</c> as a build leaves them.</summary>
internal static class TestDataset
{
    public static readonly string[] RowIds = ["iowa-cropland", "sahel.edge"];

    /// <summary>The four tiles; tile i has 2 + 3i masked rows, so their finite fractions differ.</summary>
    public static List<TileContent> Tiles()
    {
        var tiles = new List<TileContent>();
        var i = 0;
        foreach (var rowId in RowIds)
        {
            for (var col = 0; col < 2; col++)
            {
                tiles.Add(TileContent.Realistic(rowId, 0, col, 2 + (3 * i)));
                i++;
            }
        }

        return tiles;
    }

    /// <summary>Writes the tiles, then (by default) a journal whose rows are done with those files, and the index.</summary>
    public static void Write(string dir, IReadOnlyList<TileContent> tiles, bool journal = true, bool index = true)
    {
        foreach (var tile in tiles)
        {
            tile.Write(dir);
        }

        if (journal)
        {
            WriteJournal(dir, tiles.GroupBy(t => t.RowId).Select(g => (g.Key, g.Select(t => t.FileName).ToList())).ToList(), []);
        }

        if (index)
        {
            TileIndexWriter.Write(dir, tiles.Select(Entry));
        }
    }

    /// <summary>Records the run, marks <paramref name="done"/> rows done with their files and leaves <paramref name="running"/> rows running.</summary>
    public static void WriteJournal(string dir, IReadOnlyList<(string RowId, List<string> Files)> done, IReadOnlyList<string> running)
    {
        using var journal = BatchJournal.Open(dir, create: true);
        journal.StartRun(new RunInfo("{\"min_valid\":0.9}", "locations.csv", new string('a', 64), "0.1.0", DateTimeOffset.UtcNow, "local"));
        var ids = done.Select(d => d.RowId).Concat(running).ToList();
        journal.AddRows(ids.Select((id, i) => JournalRowSeed.Pending(id, i + 2, "{}")));
        foreach (var (rowId, files) in done)
        {
            journal.MarkRunning(rowId);
            journal.MarkDone(rowId, new RowOutcome { TilesWritten = files.Count, Files = files });
        }

        foreach (var rowId in running)
        {
            journal.MarkRunning(rowId);
        }
    }

    private static TileIndexEntry Entry(TileContent t)
    {
        var x0 = 449160 + (t.TileCol * 2560);
        var y0 = 4658160 - (t.TileRow * 2560);
        GeoPoint[] ring = [new(-93.6, 42.06), new(-93.57, 42.06), new(-93.57, 42.03), new(-93.6, 42.03), new(-93.6, 42.06)];
        return new TileIndexEntry(
            Path.GetFileNameWithoutExtension(t.FileName),
            t.RowId,
            t.TileRow,
            t.TileCol,
            t.FileName,
            32615,
            new UtmBounds(x0, y0 - 2560, x0 + 2560, y0),
            ring,
            "S2B_MSIL2A_20220310T170319_R069_T15TVG_20220311T002613",
            new DateTimeOffset(2022, 3, 10, 17, 3, 29, TimeSpan.Zero),
            "S1A_IW_GRDH_1SDV_20220308T001204_20220308T001229_042237_050843",
            new DateTimeOffset(2022, 3, 8, 0, 12, 16, TimeSpan.Zero),
            -2.7,
            0.05,
            Math.Round(t.FiniteFraction(), 6),
            "pc-baseline>=04.00:dn-1000/10000");
    }
}
