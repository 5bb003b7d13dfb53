using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Cli.Tests.Planning;

/// <summary><c>plan</c> against the demo catalog: same choices as the build, bytes within 10 % of what the build read.</summary>
public sealed class PlanCommandTests(PlanAndBuildFixture fixture) : IClassFixture<PlanAndBuildFixture>
{
    [Fact]
    public void Plan_chooses_the_items_the_build_uses()
    {
        Assert.True(fixture.Plan.ExitCode == 0, fixture.Plan.ToString());
        Assert.True(fixture.Build.ExitCode == 0, fixture.Build.ToString());
        using var plan = JsonDocument.Parse(fixture.Plan.Stdout);
        var rows = plan.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(3, plan.RootElement.GetProperty("rows_planned").GetInt32());

        var tiles = Directory.GetFiles(fixture.OutDir, "tile_*.npz");
        Assert.NotEmpty(tiles);
        var checkedRows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in tiles)
        {
            using var npz = NpzReader.Open(file);
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            var id = meta.RootElement.GetProperty("row_id").GetString()!;
            var row = rows.Single(r => r.GetProperty("id").GetString() == id);
            Assert.Equal("planned", row.GetProperty("status").GetString());
            Assert.Equal(meta.RootElement.GetProperty("s2_item").GetString(), row.GetProperty("s2_id").GetString());
            Assert.Equal(meta.RootElement.GetProperty("s1_item").GetString(), row.GetProperty("s1_id").GetString());
            checkedRows.Add(id);
        }

        Assert.Equal(3, checkedRows.Count);
    }

    [Fact]
    public void Estimated_bytes_per_row_are_within_ten_percent_of_the_build()
    {
        Assert.True(fixture.Build.ExitCode == 0, fixture.Build.ToString());
        using var plan = JsonDocument.Parse(fixture.Plan.Stdout);
        using var journal = BatchJournal.Open(fixture.OutDir, create: false);
        var done = journal.List(RowState.Done).ToDictionary(r => r.RowId, StringComparer.Ordinal);
        Assert.Equal(3, done.Count);
        foreach (var row in plan.RootElement.GetProperty("rows").EnumerateArray())
        {
            var id = row.GetProperty("id").GetString()!;
            var planBytes = row.GetProperty("plan_bytes").GetInt64();
            var estimated = row.GetProperty("estimated_bytes").GetInt64();
            Assert.True(planBytes > 0, $"{id}: the SCL checks cost nothing?");
            Assert.Equal(planBytes + estimated, row.GetProperty("build_bytes").GetInt64());
            var built = done[id].Outcome!.BytesRead;
            var error = Math.Abs((double)(planBytes + estimated) - built) / built;
            Assert.True(error <= 0.10, $"{id}: plan {planBytes} + estimate {estimated} vs build {built} bytes ({error:P1} off)");
        }
    }

    [Fact]
    public void Plan_json_holds_every_decision_and_the_read_plan_of_each_asset()
    {
        using var plan = JsonDocument.Parse(fixture.Plan.Stdout);
        var root = plan.RootElement;
        Assert.Equal(
            root.GetProperty("plan_bytes").GetInt64() + root.GetProperty("estimated_bytes").GetInt64(),
            root.GetProperty("build_bytes").GetInt64());
        Assert.True(root.GetProperty("estimated_seconds").GetDouble() > 0);
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            var p = row.GetProperty("plan");
            Assert.Equal(row.GetProperty("id").GetString(), p.GetProperty("row_id").GetString());
            Assert.Contains(p.GetProperty("s2_candidates").EnumerateArray(), c => c.GetProperty("verdict").GetString() == "chosen" && c.GetProperty("id").GetString() == row.GetProperty("s2_id").GetString());
            Assert.True(row.GetProperty("aoi_clear_fraction").GetDouble() >= 0.9);
            Assert.False(string.IsNullOrEmpty(p.GetProperty("radiometry").GetProperty("name").GetString()));
            var reads = p.GetProperty("reads").EnumerateArray().ToList();
            Assert.Equal(["SCL", "B02", "B03", "B04", "B08", "vv", "vh"], reads.Select(r => r.GetProperty("band").GetString()));
            Assert.True(reads[0].GetProperty("read_in_plan").GetBoolean());
            long headers = 0;
            foreach (var read in reads)
            {
                var window = read.GetProperty("source_window");
                Assert.True(window.GetProperty("width").GetInt32() >= 256);
                Assert.Contains(read.GetProperty("method").GetString(), new[] { "aligned", "warped" });
                var estimate = read.GetProperty("estimate");
                Assert.True(estimate.GetProperty("blocks_touched").GetInt32() >= 1);
                Assert.Equal(2 + estimate.GetProperty("ranges").GetInt32(), estimate.GetProperty("requests").GetInt32());
                if (!read.GetProperty("read_in_plan").GetBoolean())
                {
                    headers += estimate.GetProperty("header_bytes").GetInt64();
                }
            }

            // The header model matches what opening the six band assets actually downloaded.
            Assert.Equal(row.GetProperty("probe_bytes").GetInt64(), headers);
        }
    }

    [Fact]
    public async Task Rows_that_cannot_be_planned_are_listed_with_their_reason()
    {
        var dir = TestPaths.NewTempDir("plan-fail");
        try
        {
            var csv = Path.Combine(dir, "locations.csv");
            var text = await File.ReadAllTextAsync(TestPaths.SampleCsv);
            await File.WriteAllTextAsync(csv, text.TrimEnd() + "\nnorth-pole,91,10,bad latitude\n");
            var result = await CliHarness.RunAsync("plan", "--catalog", "demo", "--csv", csv, "--max-scene-cloud", "0.5");
            Assert.True(result.ExitCode == ExitCodes.FinishedWithFailures, result.ToString());
            Assert.Contains("rows: 0 planned, 4 failed, 4 total", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("north-pole", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("1 x bad_input", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("3 x no_s2_candidates", result.Stdout, StringComparison.Ordinal);
            Assert.Equal(["locations.csv"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Assumptions_must_be_positive()
    {
        var result = await CliHarness.RunAsync("plan", "--csv", TestPaths.SampleCsv, "--assume-mbps", "0");
        Assert.Equal(ExitCodes.UsageOrBadInput, result.ExitCode);
        Assert.Contains("--assume-mbps 0", result.Stderr, StringComparison.Ordinal);
    }
}
