using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Testing.Python;

namespace Axion.TileBuilder.Cli.Tests.Commands;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_every_command()
    {
        var result = await CliHarness.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "build", "resume", "status", "demo", "catalog", "synth", "doctor", "validate" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Build_help_documents_options_with_defaults_and_an_example()
    {
        var result = await CliHarness.RunAsync("build", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--max-scene-cloud", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Default 30", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--strict-hosts", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("axion-tiles build --csv samples/global_166.csv", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error_with_exit_code_2()
    {
        var result = await CliHarness.RunAsync("build", "--csv", "x.csv", "--no-such-option");
        Assert.Equal(ExitCodes.UsageOrBadInput, result.ExitCode);
        Assert.Contains("--no-such-option", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_csv_file_is_bad_input()
    {
        var dir = TestPaths.NewTempDir("missing");
        var result = await CliHarness.RunAsync("build", "--csv", Path.Combine(dir, "nope.csv"), "--out", Path.Combine(dir, "out"));
        Assert.Equal(ExitCodes.UsageOrBadInput, result.ExitCode);
        Assert.Contains("nope.csv", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_ids_reject_the_file_before_anything_runs()
    {
        var dir = TestPaths.NewTempDir("dup");
        var csv = Path.Combine(dir, "dup.csv");
        await File.WriteAllTextAsync(csv, "id,lat,lon\na,1,2\nb,3,4\na,5,6\n");
        var result = await CliHarness.RunAsync("build", "--csv", csv, "--out", Path.Combine(dir, "out"));
        Assert.Equal(ExitCodes.UsageOrBadInput, result.ExitCode);
        Assert.Contains("repeats line 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_folder_without_a_batch_is_bad_input()
    {
        var result = await CliHarness.RunAsync("status", "--out", TestPaths.NewTempDir("empty"));
        Assert.Equal(ExitCodes.UsageOrBadInput, result.ExitCode);
        Assert.Contains("journal.db", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Synth_writes_tiles_that_numpy_loads()
    {
        var dir = TestPaths.NewTempDir("synth");
        var result = await CliHarness.RunAsync("synth", "--count", "3", "--out", dir, "--seed", "7");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["tile_000000.npz", "tile_000001.npz", "tile_000002.npz"],
            Directory.GetFiles(dir, "*.npz").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        var (code, stdout, stderr) = PythonNumpy.Run(
            "import sys, numpy as np; d=np.load(sys.argv[1] + '/tile_000000.npz'); print(sorted(k for k in d.files if k != 'meta'), d['s2_b4'].dtype, d['s2_b4'].shape)",
            dir);
        Assert.True(code == 0, stderr);
        Assert.Equal("['s1_vh', 's1_vv', 's2_b2', 's2_b3', 's2_b4', 's2_b8'] float32 (256, 256)", stdout.Trim());
    }

    [Fact]
    public async Task Doctor_passes_on_this_machine()
    {
        var result = await CliHarness.RunAsync("doctor");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("GDAL version: 3.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("all checks passed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("header prefetch (an open in one round trip): on", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("tile DEFLATE: libdeflate", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\ntiered compilation: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nMALLOC_ARENA_MAX: ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_row_fails_alone_and_the_others_are_done()
    {
        Environment.SetEnvironmentVariable("AXION_CACHE_DIR", TestPaths.WorldCache);
        var dir = TestPaths.NewTempDir("badrow");
        var csv = Path.Combine(dir, "rows.csv");
        var sample = await File.ReadAllLinesAsync(TestPaths.SampleCsv);
        await File.WriteAllLinesAsync(csv, [sample[0], sample[1], "broken-row,91.5,10.0,\"latitude out of range\"", sample[2], sample[3]]);
        var outDir = Path.Combine(dir, "out");
        var result = await CliHarness.RunAsync("build", "--catalog", "demo", "--csv", csv, "--out", outDir);
        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailures, result.ToString());
        var status = await CliHarness.RunAsync("status", "--out", outDir, "--json");
        using var doc = JsonDocument.Parse(status.Stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("rows").GetProperty("done").GetInt32());
        var failed = doc.RootElement.GetProperty("failed_rows").EnumerateArray().Single();
        Assert.Equal("broken-row", failed.GetProperty("id").GetString());
        Assert.Equal(3, failed.GetProperty("line").GetInt32());
        Assert.Equal("bad_input", failed.GetProperty("reason").GetString());
        Assert.Contains("lat", failed.GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase);
    }
}
