using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Reliability;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Testing.Emulators;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// A sharded batch into Azure Blob Storage (Azurite) as Kubernetes runs it (<see cref="RemoteShardedBatchFixture"/>):
/// the store ends up with exactly the tiles of a single local build, the killed pod's replacement restores the shard's
/// journal from its snapshot and redoes only the unfinished row, <c>merge</c> writes the dataset's index into the store
/// and <c>status</c> counts every row once.
/// </summary>
public sealed class RemoteShardedBatchTests(RemoteShardedBatchFixture fixture) : IClassFixture<RemoteShardedBatchFixture>
{
    [Fact]
    public void The_store_holds_exactly_the_tiles_of_a_single_build_after_a_pod_was_killed_and_rescheduled_onto_an_empty_work_folder()
    {
        foreach (var k in new[] { 0, 2 })
        {
            var (exitCode, lines) = fixture.FirstRuns[k];
            Assert.True(exitCode == 0, $"pod {k}: exit {exitCode}\n" + string.Join("\n", lines));
            Assert.Contains(lines, l => l.Contains($"Shard {k}/3 (from JOB_COMPLETION_INDEX={k} and --shards 3)", StringComparison.Ordinal));
        }

        Assert.True(fixture.FirstRuns[1].ExitCode == 137, "pod 1 must die by SIGKILL at its second row\n" + string.Join("\n", fixture.FirstRuns[1].Lines));
        var restart = fixture.Restart;
        Assert.True(restart.ExitCode == 0, "rescheduled pod 1: exit " + restart.ExitCode + "\n" + string.Join("\n", restart.Lines));
        Assert.Contains(restart.Lines, l => l.Contains($"Restored the journal from {fixture.Out}/_journal/shard-1-of-3.db", StringComparison.Ordinal));
        Assert.Contains(restart.Lines, l => l.Contains("2 rows, 1 done, 1 to run", StringComparison.Ordinal)); // iowa-cropland is not redone

        TileSnapshot.AssertEqual(fixture.Reference, TileSnapshot.Read(fixture.Stored.Dir));
        var expected = fixture.Reference.Keys
            .Concat(fixture.RowIds.Select(id => $"quicklooks/{id}.png"))
            .Concat(Enumerable.Range(0, 3).Select(k => $"_journal/shard-{k}-of-3.db"))
            .Concat(["_journal/batch.json", "index.csv", "index.geojson", "index.parquet"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), fixture.Stored.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_shard_snapshot_in_the_store_holds_its_own_rows_all_done_and_no_output_or_journal_holds_the_account_key()
    {
        var seen = new List<string>();
        for (var k = 0; k < 3; k++)
        {
            var path = Path.Combine(fixture.Stored.Dir, "_journal", $"shard-{k}-of-3.db");
            using var journal = BatchJournal.OpenReadOnlyFile(fixture.Stored.Dir, path);
            var rows = journal.List();
            Assert.All(rows, r => Assert.Equal(k, ShardAssignment.ShardOf(r.RowId, 3)));
            Assert.All(rows, r => Assert.Equal(RowState.Done, r.State));
            seen.AddRange(rows.Select(r => r.RowId));
            Assert.DoesNotContain(AzuriteFixture.AccountKey, Encoding.Latin1.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
        }

        Assert.Equal(fixture.RowIds.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var allLines = fixture.FirstRuns.SelectMany(r => r.Lines).Concat(fixture.Restart.Lines).Concat(fixture.Merge.Lines).Concat(fixture.Status.Lines);
        Assert.DoesNotContain(allLines, l => l.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal) || l.Contains("AccountKey=", StringComparison.Ordinal));
    }

    [Fact]
    public void Merge_writes_the_index_into_the_store_and_status_counts_every_row_once()
    {
        var (mergeExit, mergeLines) = fixture.Merge;
        Assert.True(mergeExit == 0, "merge: exit " + mergeExit + "\n" + string.Join("\n", mergeLines));
        using (var merge = JsonDocument.Parse(string.Join("\n", mergeLines.SkipWhile(l => !l.StartsWith('{')))))
        {
            Assert.True(merge.RootElement.GetProperty("complete").GetBoolean());
            Assert.Equal(fixture.Reference.Count, merge.RootElement.GetProperty("tiles").GetInt32());
            Assert.Equal(fixture.Out, merge.RootElement.GetProperty("out_dir").GetString());
        }

        var index = File.ReadAllLines(Path.Combine(fixture.Stored.Dir, "index.csv"));
        Assert.Equal(fixture.Reference.Count, index.Length - 1);
        Assert.All(fixture.Reference.Keys, name => Assert.Contains(index, line => line.Contains(name, StringComparison.Ordinal)));

        var (statusExit, statusLines) = fixture.Status;
        Assert.True(statusExit == 0, "status: exit " + statusExit + "\n" + string.Join("\n", statusLines));
        using var status = JsonDocument.Parse(string.Join("\n", statusLines.SkipWhile(l => !l.StartsWith('{'))));
        var root = status.RootElement;
        Assert.Equal(3, root.GetProperty("rows_total").GetInt32());
        Assert.Equal(3, root.GetProperty("rows").GetProperty("done").GetInt32());
        Assert.Empty(root.GetProperty("shards_not_started").EnumerateArray());
        Assert.Equal(fixture.Reference.Count, root.GetProperty("tiles_written").GetInt64());
    }
}
