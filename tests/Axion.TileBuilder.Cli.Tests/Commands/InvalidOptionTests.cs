using System.Collections.Concurrent;
using Axion.TileBuilder.Cli.Tests.Support;

namespace Axion.TileBuilder.Cli.Tests.Commands;

/// <summary>An invalid option is refused (exit 2, naming the option) before any work: no world generated, no CSV read, no --out created.</summary>
public sealed class InvalidOptionTests
{
    [Theory]
    [InlineData("--min-valid", "2", "--min-valid 2 must be 0..1")]
    [InlineData("--workers", "0", "--workers 0 must be 1..64")]
    public async Task Demo_refuses_an_invalid_option_before_generating_its_world(string option, string value, string message)
    {
        var dir = TestPaths.NewTempDir("demo-bad-option");
        var cache = Directory.CreateDirectory(Path.Combine(dir, "cache")).FullName;
        var outDir = Path.Combine(dir, "out");

        var (code, output) = await RunChildAsync(["demo", "--csv", OneRowCsv(dir), "--out", outDir, option, value], cache);

        Assert.Empty(Directory.EnumerateFileSystemEntries(cache, "*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(outDir), "--out was created");
        Assert.True(code == ExitCodes.UsageOrBadInput, $"exit {code}\n{output}");
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_against_the_demo_catalog_refuses_an_invalid_option_before_generating_its_world()
    {
        var dir = TestPaths.NewTempDir("plan-bad-option");
        var cache = Directory.CreateDirectory(Path.Combine(dir, "cache")).FullName;

        var (code, output) = await RunChildAsync(["plan", "--catalog", "demo", "--csv", OneRowCsv(dir), "--max-scene-cloud", "101"], cache);

        Assert.Empty(Directory.EnumerateFileSystemEntries(cache, "*", SearchOption.AllDirectories));
        Assert.True(code == ExitCodes.UsageOrBadInput, $"exit {code}\n{output}");
        Assert.Contains("--max-scene-cloud 101 must be 0..100 (percent)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_names_the_invalid_option_before_reading_the_csv_or_creating_out()
    {
        var dir = TestPaths.NewTempDir("build-bad-option");
        var outDir = Path.Combine(dir, "out");

        var result = await CliHarness.RunAsync("build", "--csv", Path.Combine(dir, "missing.csv"), "--out", outDir, "--min-clear", "1.5", "--s1-max-days", "-1");

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains("--min-clear 1.5 must be 0..1 (fraction of the AOI)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--s1-max-days -1 must be 0 or more (days)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("missing.csv", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "--out was created");
    }

    [Theory]
    [InlineData("--max-stac-rps", "-1", "invalid options: --max-stac-rps -1 must be 0..1000 (requests per second per process, 0 = no cap)")]
    [InlineData("--max-stac-rps", "1001", "invalid options: --max-stac-rps 1001 must be 0..1000")]
    [InlineData("--start-jitter", "601", "invalid options: --start-jitter 601 must be 0..600 (seconds)")]
    [InlineData("--start-jitter", "-0.5", "invalid options: --start-jitter -0.5 must be 0..600 (seconds)")]
    [InlineData("--compression-level", "0", "invalid options: --compression-level 0 must be 1..9 (zlib level)")]
    [InlineData("--compression-level", "10", "invalid options: --compression-level 10 must be 1..9 (zlib level)")]
    [InlineData("--uncompressed", "--compression-level=6", "--compression-level and --uncompressed exclude each other")]
    public async Task Build_refuses_an_option_out_of_range_before_reading_the_csv_or_creating_out(string option, string value, string message)
    {
        var dir = TestPaths.NewTempDir("build-bad-rate");
        var outDir = Path.Combine(dir, "out");

        var result = await CliHarness.RunAsync("build", "--csv", Path.Combine(dir, "missing.csv"), "--out", outDir, option, value);

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("missing.csv", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "--out was created");
    }

    private static string OneRowCsv(string dir)
    {
        var csv = Path.Combine(dir, "one.csv");
        File.WriteAllLines(csv, File.ReadLines(TestPaths.SampleCsv).Take(2));
        return csv;
    }

    private static async Task<(int Code, string Output)> RunChildAsync(string[] args, string cacheDir)
    {
        var lines = new ConcurrentQueue<string>();
        using var process = ChildCli.Start(args, lines, new Dictionary<string, string> { ["AXION_CACHE_DIR"] = cacheDir });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, string.Join('\n', lines));
    }
}
