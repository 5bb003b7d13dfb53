using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Reliability;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// Sharded batches end to end against the local catalog: three shard processes at once over one CSV and one out dir give
/// exactly the tiles of a single build, each row in exactly one shard journal; a shard found from the Kubernetes
/// environment equals the explicit one; a sibling started with another CSV, settings or number of shards is refused.
/// </summary>
public sealed class ShardedBuildTests(ShardedBatchFixture fixture) : IClassFixture<ShardedBatchFixture>
{
    [Fact]
    public void Three_concurrent_slurm_array_tasks_build_exactly_the_tiles_of_a_single_build_with_each_row_in_one_shard_journal()
    {
        for (var k = 0; k < 3; k++)
        {
            var (exitCode, lines) = fixture.Shards[k];
            Assert.True(exitCode == 0, $"shard {k}/3: exit {exitCode}\n" + string.Join("\n", lines));
            Assert.Contains(lines, l => l.Contains($"Shard {k}/3 (from SLURM_ARRAY_TASK_ID={10 + k} ", StringComparison.Ordinal));
        }

        TileSnapshot.AssertEqual(fixture.Reference, TileSnapshot.Read(fixture.ShardedDir));

        var seen = new List<string>();
        for (var k = 0; k < 3; k++)
        {
            using var journal = BatchJournal.OpenFile(fixture.ShardedDir, ShardedBatchLayout.JournalPath(fixture.ShardedDir, new ShardSpec(k, 3)), create: false);
            var rows = journal.List();
            Assert.All(rows, r => Assert.Equal(k, ShardAssignment.ShardOf(r.RowId, 3)));
            Assert.All(rows, r => Assert.Equal(RowState.Done, r.State));
            seen.AddRange(rows.Select(r => r.RowId));
        }

        Assert.Equal(fixture.RowIds.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(fixture.ShardedDir, BatchJournal.FileName)), "a sharded batch must not create journal.db");
        using var manifest = JsonDocument.Parse(File.ReadAllText(ShardedBatchLayout.ManifestPath(fixture.ShardedDir)));
        Assert.Equal(3, manifest.RootElement.GetProperty("shards").GetInt32());
        Assert.Equal(64, manifest.RootElement.GetProperty("csv_sha256").GetString()!.Length);
    }

    [Fact]
    public async Task A_shard_from_the_kubernetes_environment_equals_the_explicit_shard()
    {
        var dir = fixture.NewDir("shard-env");
        var (exitCode, lines) = await ShardedBatchFixture.RunAsync(
            fixture.BuildArgs(dir, TestPaths.SampleCsv),
            new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1", ["AXION_SHARDS"] = "3" });

        Assert.True(exitCode == 0, $"exit {exitCode}\n" + string.Join("\n", lines));
        Assert.Contains(lines, l => l.Contains("Shard 1/3 (from JOB_COMPLETION_INDEX=1 and AXION_SHARDS=3)", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(dir, "_journal", "shard-1-of-3.db")));
        var shardRows = fixture.RowIds.Where(id => ShardAssignment.ShardOf(id, 3) == 1).ToList();
        Assert.Equal(2, shardRows.Count); // pinned: iowa-cropland and black-forest
        TileSnapshot.AssertEqual(TileSnapshot.OfRows(fixture.Reference, shardRows), TileSnapshot.Read(dir));

        var status = await CliHarness.RunAsync("status", "--out", dir, "--shard", "1/3", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        Assert.Equal("1/3", json.RootElement.GetProperty("shard").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("rows").GetProperty("done").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("rows_total").GetInt32());
    }

    [Fact]
    public async Task Plan_plans_only_the_rows_of_its_shard_and_resume_continues_a_shard_from_its_own_journal()
    {
        var build = fixture.BuildArgs("unused", TestPaths.SampleCsv);
        var outAt = build.IndexOf("--out");
        build.RemoveRange(outAt, 2);
        build[0] = "plan";
        var plan = await CliHarness.RunAsync([.. build, "--shard", "2/3", "--json"]);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        using (var json = JsonDocument.Parse(plan.Stdout))
        {
            Assert.Equal("2/3", json.RootElement.GetProperty("shard").GetString());
            Assert.Equal(["algarve-coast"], json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        }

        var dir = fixture.NewDir("shard-resume");
        var first = await CliHarness.RunAsync([.. fixture.BuildArgs(dir, TestPaths.SampleCsv), "--shard", "2/3"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("this shard's journal _journal/shard-2-of-3.db; 'axion-tiles merge --out", first.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "index.csv")), "a shard writes no index: merge does");
        var before = File.GetLastWriteTimeUtc(Directory.GetFiles(dir, "tile_algarve-coast_*.npz").First());

        var resume = await CliHarness.RunAsync("resume", "--out", dir, "--shard", "2/3");
        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Contains("Shard 2/3 (from --shard 2/3)", resume.Stderr, StringComparison.Ordinal);
        Assert.Contains("rows: 1 done, 0 failed, 0 pending, 1 total", resume.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(Directory.GetFiles(dir, "tile_algarve-coast_*.npz").First()));

        var otherShard = await CliHarness.RunAsync("resume", "--out", dir, "--shard", "1/3");
        Assert.True(otherShard.ExitCode == ExitCodes.UsageOrBadInput, otherShard.ToString());
        Assert.Contains("_journal/shard-1-of-3.db not found", otherShard.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sibling_started_with_another_csv_settings_or_shard_count_is_refused_with_exit_2()
    {
        var dir = fixture.NewDir("shard-sibling");
        var first = await CliHarness.RunAsync([.. fixture.BuildArgs(dir, TestPaths.SampleCsv), "--shard", "0/3"]); // shard 0 holds no sample row
        Assert.True(first.ExitCode == 0, first.ToString());

        var otherCsv = Path.Combine(dir, "..", Path.GetFileName(dir) + "-other.csv");
        await File.WriteAllTextAsync(otherCsv, (await File.ReadAllTextAsync(TestPaths.SampleCsv)).Replace("42.0500", "42.0600", StringComparison.Ordinal));
        try
        {
            var csv = await CliHarness.RunAsync([.. fixture.BuildArgs(dir, otherCsv), "--shard", "1/3"]);
            Assert.True(csv.ExitCode == ExitCodes.UsageOrBadInput, csv.ToString());
            Assert.Contains("holds shards of a different batch", csv.Stderr, StringComparison.Ordinal);
            Assert.Contains("the locations CSV differs", csv.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(otherCsv);
        }

        var settings = await CliHarness.RunAsync([.. fixture.BuildArgs(dir, TestPaths.SampleCsv), "--shard", "1/3", "--min-clear", "0.8"]);
        Assert.True(settings.ExitCode == ExitCodes.UsageOrBadInput, settings.ToString());
        Assert.Contains("the settings differ (min_clear 0.8 here, 0.9 in the batch)", settings.Stderr, StringComparison.Ordinal);

        var count = await CliHarness.RunAsync([.. fixture.BuildArgs(dir, TestPaths.SampleCsv), "--shard", "1/4"]);
        Assert.True(count.ExitCode == ExitCodes.UsageOrBadInput, count.ToString());
        Assert.Contains("the number of shards differs (4 here, 3 in the batch)", count.Stderr, StringComparison.Ordinal);

        var unsharded = await CliHarness.RunAsync([.. fixture.BuildArgs(dir, TestPaths.SampleCsv)]);
        Assert.True(unsharded.ExitCode == ExitCodes.UsageOrBadInput, unsharded.ToString());
        Assert.Contains("holds a sharded batch (_journal/batch.json, 3 shards)", unsharded.Stderr, StringComparison.Ordinal);

        // None of the refused runs left a journal behind for its shard.
        Assert.False(File.Exists(Path.Combine(dir, "_journal", "shard-1-of-4.db")));
        Assert.Empty(Directory.GetFiles(dir, "tile_*.npz"));
    }
}
