using System.Globalization;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// The growth of resident memory per finished row: a least-squares line through one point per bucket of
/// rows (the median RSS of the samples taken while that many rows were finished), so the fit weighs each
/// stretch of the batch by its rows, not by how long it took.
/// </summary>
internal sealed record RowMemorySlope(double KbPerRow, IReadOnlyList<(double Rows, double RssKb)> Points)
{
    /// <summary>
    /// Fits the samples with <paramref name="fromRows"/> &lt;= rows finished &lt; <paramref name="toRows"/> (the work after
    /// the last row, such as the index files, is not per row), one point per <paramref name="bucketRows"/> rows.
    /// </summary>
    public static RowMemorySlope Fit(IEnumerable<RowMemorySample> samples, int fromRows, int toRows, int bucketRows)
    {
        var points = samples
            .Where(s => s.RowsFinished >= fromRows && s.RowsFinished < toRows)
            .GroupBy(s => s.RowsFinished / bucketRows)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var rss = g.Select(s => s.RssKb).Order().ToList();
                return ((g.Key + 0.5) * bucketRows, (double)rss[rss.Count / 2]);
            })
            .ToList();
        if (points.Count < 2)
        {
            return new RowMemorySlope(double.NaN, points);
        }

        var meanX = points.Average(p => p.Item1);
        var meanY = points.Average(p => p.Item2);
        var sxy = points.Sum(p => (p.Item1 - meanX) * (p.Item2 - meanY));
        var sxx = points.Sum(p => (p.Item1 - meanX) * (p.Item1 - meanX));
        return new RowMemorySlope(sxy / sxx, points);
    }

    /// <summary>The fitted points as "rows:MB" for a failure message.</summary>
    public override string ToString() => string.Join(' ', Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Rows:F0}:{p.RssKb / 1024:F1}MB")));
}
