using System.Text.RegularExpressions;
using Axion.TileBuilder.Cli.Tests.Support;

namespace Axion.TileBuilder.Cli.Tests.Reporting;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("report");

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
    public async Task Report_writes_report_html_and_prints_its_path()
    {
        ReportBatch.Create(_dir);

        var result = await CliHarness.RunAsync("report", "--out", _dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var path = Path.Combine(_dir, "report.html");
        Assert.Equal(path, result.Stdout.Trim());
        var html = await File.ReadAllTextAsync(path);
        Assert.Contains("data-key=\"tiles-written\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"mb-read\">2.2<", html, StringComparison.Ordinal);
        Assert.Contains("x&lt;y&gt;&amp;z", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; no pair", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_without_a_journal_is_a_usage_error()
    {
        var result = await CliHarness.RunAsync("report", "--out", _dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("journal.db not found", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "report.html")));
    }

    [Fact]
    public async Task Headless_chromium_renders_the_report_with_its_quicklook_and_no_console_errors()
    {
        HeadlessChromium.Require();
        ReportBatch.Create(_dir);
        var run = await CliHarness.RunAsync("report", "--out", _dir);
        Assert.True(run.ExitCode == 0, run.ToString());

        var (exit, dom, log) = await HeadlessChromium.DumpDomAsync(Path.Combine(_dir, "report.html"));

        Assert.True(exit == 0, $"chromium exit {exit}; log:\n{log}");
        Assert.Matches(BodyAttribute("data-images-loaded", "1"), dom);
        Assert.Matches(BodyAttribute("data-images-failed", "0"), dom);
        Assert.Contains("axion-tiles batch report", dom, StringComparison.Ordinal);
        Assert.Contains("data-key=\"tiles-written\">1<", dom, StringComparison.Ordinal);
        Assert.Contains("S2A_TEST_ITEM", dom, StringComparison.Ordinal);
        Assert.Contains("x&lt;y&gt;&amp;z", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=\"x\"", dom, StringComparison.Ordinal); // the message stayed text
        Assert.Equal(6, Regex.Count(dom, "<svg class=\"hist\""));
        Assert.DoesNotContain("CONSOLE", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Content Security Policy", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headless_chromium_check_notices_a_missing_quicklook()
    {
        // The same check must fail when an image does not resolve: it is not vacuous.
        HeadlessChromium.Require();
        ReportBatch.Create(_dir);
        var run = await CliHarness.RunAsync("report", "--out", _dir);
        Assert.True(run.ExitCode == 0, run.ToString());
        File.Delete(Path.Combine(_dir, "quicklooks", ReportBatch.DoneId + ".png"));

        var (exit, dom, log) = await HeadlessChromium.DumpDomAsync(Path.Combine(_dir, "report.html"));

        Assert.True(exit == 0, $"chromium exit {exit}; log:\n{log}");
        Assert.Matches(BodyAttribute("data-images-loaded", "0"), dom);
        Assert.Matches(BodyAttribute("data-images-failed", "1"), dom);
    }

    private static Regex BodyAttribute(string name, string value) =>
        new("<body[^>]*\\s" + Regex.Escape(name) + "=\"" + Regex.Escape(value) + "\"", RegexOptions.CultureInvariant);
}
