using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Testing.FileSystem;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// An <c>--out</c> that cannot hold a batch (a file, read-only, full) and a rejected CSV: each is refused before any
/// work with its own message and exit code, and <c>--out</c> is left as it was.
/// </summary>
public sealed class OutDirTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("axion-outdir-").FullName;

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
    public async Task An_out_that_is_a_file_exits_2_saying_so()
    {
        var file = Path.Combine(_dir, "tiles");
        await File.WriteAllTextAsync(file, "x");

        var result = await Build(TestPaths.SampleCsv, file);

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains($"--out {file} is a file", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("x", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_read_only_out_exits_4_saying_it_is_not_writable()
    {
        using var disk = TmpfsMount.Create(_dir, sizeKb: 1024);
        var existing = Path.Combine(disk.Path, "existing");
        Directory.CreateDirectory(existing);
        disk.MakeReadOnly();

        foreach (var outDir in new[] { existing, Path.Combine(disk.Path, "new") })
        {
            var result = await Build(TestPaths.SampleCsv, outDir);

            Assert.True(result.ExitCode == ExitCodes.OutputNotWritable, result.ToString());
            Assert.Contains($"--out {outDir} is not writable", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("another axion-tiles process", result.Stderr, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(existing));
    }

    [Fact]
    public async Task A_full_out_exits_5_saying_there_is_no_space()
    {
        using var disk = TmpfsMount.Create(_dir, sizeKb: 1024);
        var outDir = Path.Combine(disk.Path, "out");
        Directory.CreateDirectory(outDir);
        disk.Fill("filler");

        var result = await Build(TestPaths.SampleCsv, outDir);

        Assert.True(result.ExitCode == ExitCodes.OutputFull, result.ToString());
        Assert.Contains($"--out {outDir}: no space left", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir));
    }

    [Fact]
    public async Task A_rejected_csv_exits_2_and_leaves_out_as_it_was()
    {
        var csv = Path.Combine(_dir, "empty.csv");
        await File.WriteAllTextAsync(csv, "id,lat,lon\n");
        var outDir = Path.Combine(_dir, "out");

        var result = await Build(csv, outDir);

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains("no rows", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "a rejected CSV created --out");
    }

    [Fact]
    public async Task An_endless_csv_exits_2_at_the_line_cap()
    {
        var outDir = Path.Combine(_dir, "out");

        var result = await Build("/dev/zero", outDir);

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains("/dev/zero line 1: the line is longer than the cap of 64 KiB", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    private static Task<CliResult> Build(string csv, string outDir) =>
        CliHarness.RunAsync("build", "--csv", csv, "--out", outDir, "--catalog", "earth-search", "--stac-url", "http://127.0.0.1:9/v1", "--workers", "1");
}
