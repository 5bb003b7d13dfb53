using System.Collections.Concurrent;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Datasets;
using Axion.TileBuilder.Pipeline.Reporting;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Reporting;

/// <summary>The report of a batch of several timesteps (<see cref="TimestepReportDataset"/>): a quicklook strip per done row.</summary>
public sealed class TimestepReportTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 2, 8, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_done_row_shows_one_strip_cell_per_timestep_with_its_quicklook_and_scene_or_its_reason()
    {
        TimestepReportDataset.Create(_dir.Path);

        var result = ReportGenerator.Generate(_dir.Path, new ReportOptions(), new FixedClock(Now), CancellationToken.None);

        var html = File.ReadAllText(result.Path);
        var north = Strip(html, "north");
        Assert.Equal(["0", "1", "2"], Cells(north).Select(c => c.K));
        Assert.Equal(
            "<figure class=\"ts ts-done\" data-timestep=\"0\" data-state=\"done\"><figcaption><strong>t0</strong> 2024-01-01..2024-04-30</figcaption>"
            + "<a href=\"quicklooks/north_t0.png\"><img class=\"ql\" src=\"quicklooks/north_t0.png\" alt=\"quicklook of north, timestep 0\"></a>"
            + "<div class=\"ts-s2\">S2 2024-01-10, cloud 5.5 %; 1 tiles</div></figure>",
            Cells(north)[0].Html);
        Assert.Equal(
            "<figure class=\"ts ts-missing\" data-timestep=\"1\" data-state=\"missing\"><figcaption><strong>t1</strong> 2024-05-01..2024-08-31</figcaption>"
            + "<div class=\"ts-reason\">no_clear_scene</div><div class=\"msg\">no scene &lt;b&gt;clear&lt;/b&gt; &amp; enough</div></figure>",
            Cells(north)[1].Html);
        Assert.Contains("src=\"quicklooks/north_t2.png\"", Cells(north)[2].Html, StringComparison.Ordinal);
        Assert.Contains("S2 2024-10-03, cloud 0.4 %", Cells(north)[2].Html, StringComparison.Ordinal);

        var south = Cells(Strip(html, "south"));
        Assert.Equal(["missing", "done", "missing"], south.Select(c => c.State));
        Assert.Contains("<div class=\"ts-reason\">no_s1_pair</div><div class=\"msg\">no Sentinel-1 item within 12 days</div>", south[0].Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", south[1].Html, StringComparison.Ordinal); // south_t1.png was not written: no broken image
        Assert.Contains("S2 2024-06-20, cloud 12.0 %", south[1].Html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"ts-reason\">no_clear_scene</div>", south[2].Html, StringComparison.Ordinal);

        // The failed row has no strip, its reason names the timesteps; no row-level quicklook is referenced.
        var east = TableRow(html, "east");
        Assert.DoesNotContain("strip", east, StringComparison.Ordinal);
        Assert.Contains("<td>too_few_timesteps<div class=\"msg\">0 of 3 timesteps have tiles", east, StringComparison.Ordinal);
        Assert.DoesNotContain("quicklooks/north.png", html, StringComparison.Ordinal);

        // The summary counts every done row's missing timesteps by reason.
        Assert.Contains("data-key=\"timesteps\">3 (1 required)<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"rows-missing-timesteps\">2<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"timesteps-missing\">3<", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"missing-timesteps-by-reason\">\n<tr><td>no_clear_scene</td><td class=\"n\">2</td></tr>\n<tr><td>no_s1_pair</td><td class=\"n\">1</td></tr>\n</table>", html, StringComparison.Ordinal);

        var counts = result.Report.Timesteps!;
        Assert.Equal((3, 1, 2, 2, 3), (counts.PerRow, counts.Required, counts.DoneRows, counts.RowsMissingSome, counts.Missing));
        Assert.Equal(3, result.Report.TilesListed); // every timestep's tile
    }

    [Fact]
    public async Task Quicklooks_are_looked_up_once_per_listed_row_and_timestep_with_tiles()
    {
        TimestepReportDataset.Create(_dir.Path);
        using var dataset = new CountingDataset(new LocalDatasetFiles(_dir.Path));
        using var journal = JournalReader.Open(Path.Combine(_dir.Path, BatchJournal.FileName));

        var report = await BatchReportCollector.CollectAsync(dataset, [journal], new ReportOptions(), Now, CancellationToken.None);

        Assert.Equal(["quicklooks/north_t0.png", "quicklooks/north_t2.png", "quicklooks/south_t1.png"], dataset.Lookups.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["quicklooks/north_t0.png", null, "quicklooks/north_t2.png"],
            report.Locations.Single(l => l.RowId == "north").Timesteps!.Select(t => t.Quicklook));

        // With one listed row, only its timesteps are looked up.
        dataset.Lookups.Clear();
        await BatchReportCollector.CollectAsync(dataset, [journal], new ReportOptions { MaxRows = 1 }, Now, CancellationToken.None);
        Assert.Equal(["quicklooks/north_t0.png", "quicklooks/north_t2.png"], dataset.Lookups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_batch_of_one_timestep_has_no_strip_and_no_timestep_counts()
    {
        ReportDataset.Create(_dir.Path);

        var result = ReportGenerator.Generate(_dir.Path, new ReportOptions(), new FixedClock(Now), CancellationToken.None);

        var html = File.ReadAllText(result.Path);
        Assert.Null(result.Report.Timesteps);
        Assert.All(result.Report.Locations, l => Assert.Null(l.Timesteps));
        Assert.DoesNotContain("strip", html, StringComparison.Ordinal);
        Assert.DoesNotContain("timesteps", html, StringComparison.Ordinal);
    }

    /// <summary>The location table's row of <paramref name="rowId"/>.</summary>
    private static string TableRow(string html, string rowId)
    {
        var start = html.IndexOf($"<tr data-row-id=\"{rowId}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table row {rowId}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    /// <summary>The strip of <paramref name="rowId"/>'s table row.</summary>
    private static string Strip(string html, string rowId)
    {
        var row = TableRow(html, rowId);
        var start = row.IndexOf("<div class=\"strip\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"row {rowId} has no strip");
        return row[start..row.IndexOf("</div></td>", start, StringComparison.Ordinal)];
    }

    /// <summary>The strip's cells: k, state and the cell's HTML.</summary>
    private static List<(string K, string State, string Html)> Cells(string strip)
    {
        var cells = new List<(string, string, string)>();
        for (var i = strip.IndexOf("<figure", StringComparison.Ordinal); i >= 0; i = strip.IndexOf("<figure", i + 1, StringComparison.Ordinal))
        {
            var html = strip[i..(strip.IndexOf("</figure>", i, StringComparison.Ordinal) + "</figure>".Length)];
            cells.Add((Attribute(html, "data-timestep"), Attribute(html, "data-state"), html));
        }

        return cells;
    }

    private static string Attribute(string html, string name)
    {
        var start = html.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return html[start..html.IndexOf('"', start)];
    }

    /// <summary>A local dataset that records every quicklook existence check.</summary>
    private sealed class CountingDataset(LocalDatasetFiles inner) : DatasetFiles
    {
        public ConcurrentBag<string> Lookups { get; } = [];

        public override string Shown => inner.Shown;

        public override bool IsRemote => inner.IsRemote;

        public override bool BatchRunning => inner.BatchRunning;

        public override string Show(string name) => inner.Show(name);

        public override IAsyncEnumerable<string> ListTilesAsync(CancellationToken cancellationToken) => inner.ListTilesAsync(cancellationToken);

        public override IEnumerable<string> TempFileNames() => inner.TempFileNames();

        public override Task<LocalFile> FetchAsync(string name, CancellationToken cancellationToken) => inner.FetchAsync(name, cancellationToken);

        public override Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
        {
            Lookups.Add(name);
            return inner.ExistsAsync(name, cancellationToken);
        }

        public override Task<string> JournalFolderAsync(CancellationToken cancellationToken) => inner.JournalFolderAsync(cancellationToken);

        public override Task<string> SaveAsync(string name, byte[] content, CancellationToken cancellationToken) => inner.SaveAsync(name, content, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
