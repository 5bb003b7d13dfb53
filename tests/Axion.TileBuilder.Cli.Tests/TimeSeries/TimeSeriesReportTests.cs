using System.Text.Json;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Cli.Tests.Reporting;
using Axion.TileBuilder.Cli.Tests.Support;

namespace Axion.TileBuilder.Cli.Tests.TimeSeries;

/// <summary>
/// <c>status</c> and <c>report</c> of a real batch of four timesteps (<see cref="TimeSeriesBatchFixture.Pc"/>,
/// <c>--min-timesteps 3</c>): the seasons row has every timestep, the gap row misses its third (no clear scene), the short
/// row failed.
/// </summary>
[Collection(TimeSeriesCollection.Name)]
public sealed class TimeSeriesReportTests(TimeSeriesBatchFixture batch)
{
    [Fact]
    public async Task Status_counts_the_missing_timesteps_and_the_report_strip_shows_each_timesteps_quicklook_or_reason()
    {
        var dir = batch.Pc.OutDir;
        var quicklooks = Directory.GetFiles(Path.Combine(dir, "quicklooks"), "*.png").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(7, quicklooks.Count); // one per timestep with tiles: 4 + 3

        var status = await CliHarness.RunAsync("status", "--out", dir, "--json");
        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        using (var doc = JsonDocument.Parse(status.Stdout))
        {
            var t = doc.RootElement.GetProperty("timesteps");
            Assert.Equal((4, 3, 1, 1), (t.GetProperty("per_row").GetInt32(), t.GetProperty("required").GetInt32(), t.GetProperty("rows_missing_some").GetInt32(), t.GetProperty("missing").GetInt32()));
            Assert.Equal(1, t.GetProperty("missing_by_reason").GetProperty("no_clear_scene").GetInt32());
        }

        var text = await CliHarness.RunAsync("status", "--out", dir);
        Assert.Contains("timesteps: 4 per row (3 required); done rows missing some: 1 (1 timesteps missing: no_clear_scene 1)", text.Stdout, StringComparison.Ordinal);

        var report = await CliHarness.RunAsync("report", "--out", dir);
        Assert.True(report.ExitCode == ExitCodes.Ok, report.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "report.html"));
        var cells = Regex.Matches(html, "<figure class=\"ts ts-(done|missing)\" data-timestep=\"(\\d)\".*?</figure>").ToList();
        Assert.Equal(8, cells.Count); // two done rows of four timesteps; the failed row has no strip
        var done = cells.Where(c => c.Groups[1].Value == "done").ToList();
        Assert.Equal(7, done.Count);
        var images = done.Select(c => Regex.Match(c.Value, "<img class=\"ql\" src=\"quicklooks/([^\"]+)\"").Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(quicklooks, images); // each done timestep shows its own quicklook, named by its k
        Assert.All(done, c => Assert.EndsWith($"_t{c.Groups[2].Value}.png", Regex.Match(c.Value, "src=\"([^\"]+)\"").Groups[1].Value, StringComparison.Ordinal));
        Assert.All(done, c => Assert.Matches("S2 2023-\\d\\d-\\d\\d, cloud \\d+\\.\\d %", c.Value));
        var missing = Assert.Single(cells, c => c.Groups[1].Value == "missing");
        Assert.Equal("2", missing.Groups[2].Value);
        Assert.Contains("<div class=\"ts-reason\">no_clear_scene</div>", missing.Value, StringComparison.Ordinal);

        var (exit, dom, log) = await HeadlessChromium.DumpDomAsync(Path.Combine(dir, "report.html"));
        Assert.True(exit == 0, $"chromium exit {exit}; log:\n{log}");
        Assert.Matches("<body[^>]*\\sdata-images-loaded=\"7\"", dom);
        Assert.Matches("<body[^>]*\\sdata-images-failed=\"0\"", dom);
    }
}
