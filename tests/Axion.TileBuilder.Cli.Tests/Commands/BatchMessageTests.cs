using System.Text.RegularExpressions;
using Axion.TileBuilder.Cli.Tests.Support;

namespace Axion.TileBuilder.Cli.Tests.Commands;

/// <summary>Texts a batch prints: the cancel message and the warnings of rejected CSV rows.</summary>
public sealed class BatchMessageTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("messages");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Cancelled_build_names_its_own_folder_in_the_resume_hint()
    {
        var outDir = Path.Combine(_dir, "my tiles");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var code = await AxionCli.RunAsync(
            ["build", "--csv", TestPaths.SampleCsv, "--out", outDir, "--stac-url", "http://127.0.0.1:9", "--token-url", "http://127.0.0.1:9/token"],
            output,
            error,
            cancelled.Token);

        Assert.True(code == ExitCodes.Cancelled, $"exit {code}\n{output}\n{error}");
        Assert.Contains($"cancelled: the journal is consistent; run 'axion-tiles resume --out '{outDir}'' to continue.", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<dir>", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_message_quotes_a_folder_only_when_a_shell_needs_it()
    {
        Assert.Equal("cancelled: the journal is consistent; run 'axion-tiles resume --out /data/tiles-1' to continue.", CommandRunner.CancelMessage("/data/tiles-1"));
        Assert.Equal("cancelled.", CommandRunner.CancelMessage(null));
        Assert.Equal("'/data/it'\\''s here'", ShellText.Quote("/data/it's here"));
    }

    [Fact]
    public async Task A_rejected_csv_row_is_warned_about_with_its_file_and_line_once()
    {
        var csv = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(csv, "id,lat,lon\nnorth-pole,91.5,10.0\n");

        var result = await CliHarness.RunAsync("build", "--csv", csv, "--out", Path.Combine(_dir, "out"), "--stac-url", "http://127.0.0.1:9", "--token-url", "http://127.0.0.1:9/token");

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailures, result.ToString());
        var warning = Assert.Single(result.Stderr.Split('\n'), l => l.Contains(" WRN ", StringComparison.Ordinal));
        Assert.Single(Regex.Matches(warning, Regex.Escape(csv + " line 2")));
        Assert.Contains(csv + " line 2: ", warning, StringComparison.Ordinal);
    }
}
