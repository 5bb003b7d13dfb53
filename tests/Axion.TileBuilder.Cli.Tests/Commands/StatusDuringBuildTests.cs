using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Cli.Tests.Commands;

/// <summary>
/// <c>status --json</c> while a real <c>build</c> (a child process, against the local catalog with 40 ms per request)
/// holds the folder, and the build's progress lines when its standard error is a pipe.
/// </summary>
public sealed class StatusDuringBuildTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDir("status-e2e");
    private LocalCatalogServer _server = null!;
    private SyntheticWorld _world = null!;

    public async Task InitializeAsync()
    {
        var rows = LocationCsvParser.Parse(new StringReader(await File.ReadAllTextAsync(TestPaths.SampleCsv)), "locations.csv").Rows;
        _world = WorldBuilder.Build(
            new WorldSpec(rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList(), 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        _server = await LocalCatalogServer.StartAsync(_world, new LocalCatalogOptions { Faults = new FaultOptions { LatencyMs = 40 } });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Status_json_during_a_build_succeeds_shows_it_running_with_consistent_counts_and_the_build_prints_progress_lines()
    {
        var outDir = Path.Combine(_dir, "out");
        var span = _world.DatesOf(SceneKind.Sentinel2L2A);
        var lines = new ConcurrentQueue<string>();
        using var build = ChildCli.Start(
            [
                "build", "--csv", TestPaths.SampleCsv, "--out", outDir, "--workers", "1",
                "--catalog", "planetary-computer",
                .. CatalogArguments.PlanetaryComputer(_server),
                "--start", span.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "--end", span.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ],
            lines);
        try
        {
            // Once the first row is done, freeze the build (SIGSTOP): it keeps its lock and its open journal, and
            // cannot finish while the status runs, however fast this machine is.
            var clock = Stopwatch.StartNew();
            while (!build.HasExited && !lines.Any(l => l.Contains(" INF Row ", StringComparison.Ordinal)) && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20);
            }

            Assert.False(build.HasExited, "the build ended before a status could be taken:\n" + string.Join('\n', lines));
            Signal("STOP", build.Id);
            Assert.False(build.HasExited, "the build ended before it was paused:\n" + string.Join('\n', lines));

            var status = await CliHarness.RunAsync("status", "--out", outDir, "--json");
            Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
            using (var doc = JsonDocument.Parse(status.Stdout))
            {
                var root = doc.RootElement;
                Assert.True(root.GetProperty("build_running").GetBoolean(), status.Stdout);
                var rows = root.GetProperty("rows");
                var byState = new[] { "pending", "running", "done", "failed", "skipped" }.Sum(s => rows.GetProperty(s).GetInt32());
                Assert.Equal(3, root.GetProperty("rows_total").GetInt32());
                Assert.Equal(3, byState);
                Assert.InRange(rows.GetProperty("done").GetInt32(), 1, 2); // the first row is done, the last cannot be
                Assert.Equal(0, rows.GetProperty("failed").GetInt32());
                Assert.Equal(rows.GetProperty("done").GetInt32(), root.GetProperty("rows_finished").GetInt32());
                Assert.True(root.GetProperty("bytes_read").GetInt64() > 0);
                Assert.Equal(JsonValueKind.String, root.GetProperty("updated_at").ValueKind);
            }

            Signal("CONT", build.Id);
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await build.WaitForExitAsync(limit.Token);
            build.WaitForExit();
            Assert.True(build.ExitCode == ExitCodes.Ok, $"build exit {build.ExitCode}:\n" + string.Join('\n', lines));
        }
        finally
        {
            if (!build.HasExited)
            {
                Signal("CONT", build.Id);
                build.Kill(entireProcessTree: true);
            }
        }

        // Standard error was a pipe: progress lines, not a terminal line; the first at the start, the last at the end.
        var progress = lines.Where(l => l.StartsWith("progress: ", StringComparison.Ordinal)).ToList();
        Assert.True(progress.Count >= 2, string.Join('\n', lines));
        Assert.StartsWith("progress: rows 0 done, 0 failed of 3 | 0 of 3 this run |", progress[0], StringComparison.Ordinal);
        Assert.StartsWith("progress: rows 3 done, 0 failed of 3 | 3 of 3 this run |", progress[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains('\r', StringComparison.Ordinal) || l.Contains("\u001b[", StringComparison.Ordinal));

        var after = await CliHarness.RunAsync("status", "--out", outDir, "--json");
        Assert.True(after.ExitCode == ExitCodes.Ok, after.ToString());
        using var finished = JsonDocument.Parse(after.Stdout);
        Assert.False(finished.RootElement.GetProperty("build_running").GetBoolean());
        Assert.Equal(3, finished.RootElement.GetProperty("rows").GetProperty("done").GetInt32());
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
