using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Cli.Tests.Commands;

public sealed class MergeCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("merge");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Merge_exits_3_while_shards_are_missing_or_unfinished_then_0_and_prints_the_summary()
    {
        WriteShard(0, 3, ("b-row", RowState.Done), ("d-row", RowState.Failed));
        WriteShard(1, 3, ("a-row", RowState.Done), ("c-row", RowState.Pending));

        var partial = await CliHarness.RunAsync("merge", "--out", _dir);

        Assert.True(partial.ExitCode == ExitCodes.FinishedWithFailures, partial.ToString());
        Assert.Contains("_journal/shard-1-of-3.db: 2 rows, 1 done, 0 failed, 0 skipped, 1 pending, 0 running; 1 tiles  (unfinished)", partial.Stdout, StringComparison.Ordinal);
        Assert.Contains("not started: shard(s) 2 of 3 have no journal", partial.Stdout, StringComparison.Ordinal);
        Assert.Contains("incomplete:", partial.Stdout, StringComparison.Ordinal);
        Assert.Equal(["a-row", "b-row"], TileIndexReader.ReadCsv(Path.Combine(_dir, "index.csv")).Select(e => e.RowId));

        var json = await CliHarness.RunAsync("merge", "--out", _dir, "--json");
        Assert.Equal(ExitCodes.FinishedWithFailures, json.ExitCode);
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            var root = doc.RootElement;
            Assert.False(root.GetProperty("complete").GetBoolean());
            Assert.Equal(2, root.GetProperty("tiles").GetInt64());
            Assert.Equal(3, root.GetProperty("shards").GetInt32());
            Assert.Equal([2], root.GetProperty("shards_not_started").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(["_journal/shard-1-of-3.db"], root.GetProperty("shards_unfinished").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(1, root.GetProperty("rows").GetProperty("failed").GetInt32());
            Assert.Equal(1, root.GetProperty("journals")[1].GetProperty("rows").GetProperty("pending").GetInt32());
            Assert.Equal(Path.Combine(_dir, "report.html"), root.GetProperty("files")[3].GetString());
            Assert.True(File.Exists(Path.Combine(_dir, "report.html")));
        }

        File.Delete(Path.Combine(_dir, JournalLayout.ShardFolder, JournalLayout.ShardFileName(1, 3)));
        WriteShard(1, 3, ("a-row", RowState.Done), ("c-row", RowState.Done));
        WriteShard(2, 3, ("e-row", RowState.Done));

        var complete = await CliHarness.RunAsync("merge", "--out", _dir);

        Assert.True(complete.ExitCode == ExitCodes.Ok, complete.ToString());
        Assert.Contains("complete: every shard finished", complete.Stdout, StringComparison.Ordinal);
        Assert.Equal(["a-row", "b-row", "c-row", "e-row"], TileIndexReader.ReadCsv(Path.Combine(_dir, "index.csv")).Select(e => e.RowId));
    }

    [Fact]
    public async Task Merge_of_a_folder_without_journals_is_bad_input()
    {
        var result = await CliHarness.RunAsync("merge", "--out", _dir);

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains("nothing to merge", result.Stderr, StringComparison.Ordinal);
    }

    private void WriteShard(int index, int count, params (string RowId, RowState State)[] rows) => ShardJournals.Write(_dir, index, count, rows);
}
