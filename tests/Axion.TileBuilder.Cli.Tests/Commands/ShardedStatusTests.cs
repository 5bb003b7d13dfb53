using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Cli.Tests.Commands;

/// <summary><c>status</c> on the out dir of a sharded batch: without <c>--shard</c> the whole batch and every shard.</summary>
public sealed class ShardedStatusTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("sharded-status");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Status_json_counts_every_row_of_every_shard_once_and_names_the_shards_not_started()
    {
        ShardJournals.Write(_dir, 0, 3, ("b-row", RowState.Done), ("d-row", RowState.Failed));
        ShardJournals.Write(_dir, 1, 3, ("a-row", RowState.Done), ("c-row", RowState.Pending), ("e-row", RowState.Done));

        var result = await CliHarness.RunAsync("status", "--out", _dir, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("shards").GetInt32());
        Assert.Equal([2], root.GetProperty("shards_not_started").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(5, root.GetProperty("rows_total").GetInt32());
        Assert.Equal(4, root.GetProperty("rows_finished").GetInt32());
        var rows = root.GetProperty("rows");
        Assert.Equal((1, 3, 1), (rows.GetProperty("pending").GetInt32(), rows.GetProperty("done").GetInt32(), rows.GetProperty("failed").GetInt32()));
        Assert.Equal(3, root.GetProperty("tiles_written").GetInt64());
        Assert.Equal(ShardJournals.FailedRowBytes, root.GetProperty("bytes_read").GetInt64()); // a failed row's bytes count
        Assert.False(root.GetProperty("build_running").GetBoolean());
        var perShard = root.GetProperty("per_shard").EnumerateArray().ToList();
        Assert.Equal(["0/3", "1/3"], perShard.Select(s => s.GetProperty("shard").GetString()));
        Assert.Equal([2, 3], perShard.Select(s => s.GetProperty("rows_total").GetInt32()));
        Assert.Equal("d-row", root.GetProperty("failed_rows").EnumerateArray().Single().GetProperty("id").GetString());
    }

    [Fact]
    public async Task Status_text_shows_the_whole_batch_then_a_line_per_shard_and_shard_k_shows_one_shard()
    {
        ShardJournals.Write(_dir, 0, 2, ("b-row", RowState.Done));
        ShardJournals.Write(_dir, 1, 2, ("a-row", RowState.Done), ("c-row", RowState.Pending));

        var whole = await CliHarness.RunAsync("status", "--out", _dir);
        var one = await CliHarness.RunAsync("status", "--out", _dir, "--shard", "1/2", "--json");

        Assert.True(whole.ExitCode == ExitCodes.Ok, whole.ToString());
        Assert.Contains("(2 shards;", whole.Stdout, StringComparison.Ordinal);
        Assert.Contains("rows: 2 of 3 finished", whole.Stdout, StringComparison.Ordinal);
        Assert.Contains("shards: 0 running, 1 finished, 1 unfinished, 0 not started", whole.Stdout, StringComparison.Ordinal);
        Assert.Contains("  shard 0/2: finished; 1 of 1 finished", whole.Stdout, StringComparison.Ordinal);
        Assert.Contains("  shard 1/2: stopped; 1 of 2 finished, 1 done, 0 failed, 1 pending", whole.Stdout, StringComparison.Ordinal);

        Assert.True(one.ExitCode == ExitCodes.Ok, one.ToString());
        using var doc = JsonDocument.Parse(one.Stdout);
        Assert.Equal("1/2", doc.RootElement.GetProperty("shard").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("rows_total").GetInt32());
        Assert.False(doc.RootElement.TryGetProperty("per_shard", out _));
    }
}
