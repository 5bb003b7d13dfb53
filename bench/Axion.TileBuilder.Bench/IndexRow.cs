using System.Globalization;

namespace Axion.TileBuilder.Bench;

/// <summary>A row of a finished batch as its <c>index.csv</c> tells it: the AOI (union of its tiles) and the items used.</summary>
internal sealed record IndexRow(string RowId, int Epsg, double MinX, double MinY, double MaxX, double MaxY, string S2Item, string S1Item)
{
    public static IReadOnlyList<IndexRow> Read(string outDir)
    {
        var lines = File.ReadAllLines(Path.Combine(outDir, "index.csv"));
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"index.csv has no {name} column");
        var (row, epsg, minX, minY, maxX, maxY, s2, s1) = (Col("row_id"), Col("epsg"), Col("min_x"), Col("min_y"), Col("max_x"), Col("max_y"), Col("s2_item_id"), Col("s1_item_id"));
        double D(string[] f, int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        return
        [
            .. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
                .GroupBy(f => f[row])
                .Select(g => new IndexRow(
                    g.Key,
                    int.Parse(g.First()[epsg], CultureInfo.InvariantCulture),
                    g.Min(f => D(f, minX)),
                    g.Min(f => D(f, minY)),
                    g.Max(f => D(f, maxX)),
                    g.Max(f => D(f, maxY)),
                    g.First()[s2],
                    g.First()[s1])),
        ];
    }
}
