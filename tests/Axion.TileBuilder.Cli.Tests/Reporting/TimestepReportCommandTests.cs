using System.Text.Json;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Cli.Tests.Support;

namespace Axion.TileBuilder.Cli.Tests.Reporting;

/// <summary>
/// <c>status</c> and <c>report</c> of a real batch of two timesteps (the demo catalog, <c>--timesteps 2 --min-timesteps 1</c>):
/// every sample location has one timestep with tiles and one without a Sentinel-2 scene.
/// </summary>
public sealed class TimestepReportCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("timestep-report");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task Status_counts_the_missing_timesteps_and_the_report_strip_shows_each_timestep_s_quicklook_or_reason()
    {
        Environment.SetEnvironmentVariable("AXION_CACHE_DIR", TestPaths.WorldCache);
        var build = await CliHarness.RunAsync("demo", "--out", _dir, "--timesteps", "2", "--min-timesteps", "1", "--tiles", "1x1", "--min-valid", "0.5", "--workers", "2");
        Assert.True(build.ExitCode == ExitCodes.Ok, build.ToString());
        var quicklooks = Directory.GetFiles(Path.Combine(_dir, "quicklooks"), "*.png").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, quicklooks.Count); // one timestep with tiles per row

        var status = await CliHarness.RunAsync("status", "--out", _dir, "--json");
        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        using (var doc = JsonDocument.Parse(status.Stdout))
        {
            var t = doc.RootElement.GetProperty("timesteps");
            Assert.Equal((2, 1, 3, 3), (t.GetProperty("per_row").GetInt32(), t.GetProperty("required").GetInt32(), t.GetProperty("rows_missing_some").GetInt32(), t.GetProperty("missing").GetInt32()));
            Assert.Equal(3, t.GetProperty("missing_by_reason").GetProperty("no_s2_candidates").GetInt32());
        }

        var report = await CliHarness.RunAsync("report", "--out", _dir);
        Assert.True(report.ExitCode == ExitCodes.Ok, report.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "report.html"));
        var cells = Regex.Matches(html, "<figure class=\"ts ts-(done|missing)\" data-timestep=\"(\\d)\".*?</figure>").ToList();
        Assert.Equal(6, cells.Count);
        var done = cells.Where(c => c.Groups[1].Value == "done").ToList();
        Assert.Equal(3, done.Count);
        var images = done.Select(c => Regex.Match(c.Value, "<img class=\"ql\" src=\"quicklooks/([^\"]+)\"").Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(quicklooks, images); // each done timestep shows its own quicklook, named by its k
        Assert.All(done, c => Assert.EndsWith($"_t{c.Groups[2].Value}.png", Regex.Match(c.Value, "src=\"([^\"]+)\"").Groups[1].Value, StringComparison.Ordinal));
        Assert.All(done, c => Assert.Matches("S2 \\d{4}-\\d\\d-\\d\\d, cloud \\d+\\.\\d %", c.Value));
        Assert.All(cells.Where(c => c.Groups[1].Value == "missing"), c => Assert.Contains("<div class=\"ts-reason\">no_s2_candidates</div>", c.Value, StringComparison.Ordinal));

        var (exit, dom, log) = await HeadlessChromium.DumpDomAsync(Path.Combine(_dir, "report.html"));
        Assert.True(exit == 0, $"chromium exit {exit}; log:\n{log}");
        Assert.Matches("<body[^>]*\\sdata-images-loaded=\"3\"", dom);
        Assert.Matches("<body[^>]*\\sdata-images-failed=\"0\"", dom);
    }
}
