using Axion.TileBuilder.Cli.Tests.Support;

namespace Axion.TileBuilder.Cli.Tests.Commands;

/// <summary><c>resume</c> runs with the journal's settings; <c>--max-stac-rps</c> overrides the stored catalog rate for this run.</summary>
public sealed class ResumeCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("resume-rate");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Resume_keeps_the_stored_catalog_rate_unless_given_one()
    {
        // One row with bad input: it fails while the journal is seeded, so no run sends a catalog request (no network).
        var csv = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(csv, "id,lat,lon\nnorth-pole,91,0\n");
        var outDir = Path.Combine(_dir, "out");
        var build = await CliHarness.RunAsync("build", "--csv", csv, "--out", outDir, "--stac-url", "http://127.0.0.1:9/api/stac/v1", "--max-stac-rps", "7");
        Assert.True(build.ExitCode == ExitCodes.FinishedWithFailures, build.ToString());
        Assert.Contains("Catalog rate cap: 0 catalog requests at most 7/s", build.Stderr, StringComparison.Ordinal);

        var stored = await CliHarness.RunAsync("resume", "--out", outDir);
        var given = await CliHarness.RunAsync("resume", "--out", outDir, "--max-stac-rps", "2.5");
        var off = await CliHarness.RunAsync("resume", "--out", outDir, "--max-stac-rps", "0");

        Assert.Contains("Catalog rate cap: 0 catalog requests at most 7/s", stored.Stderr, StringComparison.Ordinal);
        Assert.Contains("Catalog rate cap: 0 catalog requests at most 2.5/s", given.Stderr, StringComparison.Ordinal);
        Assert.True(off.ExitCode == ExitCodes.FinishedWithFailures, off.ToString());
        Assert.DoesNotContain("Catalog rate cap", off.Stderr, StringComparison.Ordinal);
    }
}
