using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Pipeline.Merging;
using Axion.TileBuilder.Pipeline.Reporting;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Tests.Merging;

public sealed class DatasetMergerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Index_lists_exactly_the_done_tiles_of_every_shard_by_row_id_then_tile_row_and_col()
    {
        ShardedDataset.Create(_dir.Path, complete: false);

        var result = DatasetMerger.Merge(_dir.Path, CancellationToken.None);

        var read = TileIndexReader.ReadCsv(_dir.File("index.csv"));
        Assert.Equal(ShardedDataset.UnfinishedTiles, read.Select(e => (e.RowId, e.TileRow, e.TileCol)));
        var expected = ShardedDataset.UnfinishedTiles.Select(t => TileIndex.Entries(DoneRow(t.RowId, (t.Row, t.Col))).Single()).ToList();
        Assert.Equal(expected, read);
        Assert.Equal(5, result.Index.Count);
        Assert.True(File.Exists(_dir.File("index.geojson")));
        Assert.True(File.Exists(_dir.File("index.parquet")));
    }

    [Fact]
    public void Unfinished_and_not_started_shards_are_reported()
    {
        ShardedDataset.Create(_dir.Path, complete: false);

        var result = DatasetMerger.Merge(_dir.Path, CancellationToken.None);

        Assert.Equal(3, result.ShardCount);
        Assert.Equal([2], result.NotStarted);
        Assert.Equal(["_journal/shard-0-of-3.db", "_journal/shard-1-of-3.db"], result.Journals.Select(j => j.Name));
        Assert.Equal("_journal/shard-1-of-3.db", Assert.Single(result.Unfinished).Name);
        Assert.False(result.Complete);
        var shard1 = result.Journals[1].Summary;
        Assert.Equal((1, 1, 1, 0), (shard1.Count(RowState.Done), shard1.Count(RowState.Pending), shard1.Count(RowState.Running), shard1.Count(RowState.Failed)));
        Assert.Equal((6, 3, 1, 5L), (result.Total.RowsTotal, result.Total.Count(RowState.Done), result.Total.Count(RowState.Failed), result.Total.TilesWritten));
    }

    [Fact]
    public void A_finished_batch_is_complete()
    {
        ShardedDataset.Create(_dir.Path, complete: true);

        var result = DatasetMerger.Merge(_dir.Path, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Empty(result.NotStarted);
        Assert.Equal(8, result.Index.Count);
        Assert.Equal(
            ["alpha", "alpha", "bravo", "bravo", "charlie", "delta", "foxtrot", "golf"],
            TileIndexReader.ReadCsv(_dir.File("index.csv")).Select(e => e.RowId));
    }

    [Fact]
    public void Merging_twice_gives_byte_identical_files()
    {
        ShardedDataset.Create(_dir.Path, complete: true);
        string[] names = ["index.csv", "index.geojson", "index.parquet", "report.html"];

        DatasetMerger.Merge(_dir.Path, CancellationToken.None);
        var first = names.Select(n => File.ReadAllBytes(_dir.File(n))).ToList();
        DatasetMerger.Merge(_dir.Path, CancellationToken.None);

        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(first[i], File.ReadAllBytes(_dir.File(names[i])));
        }
    }

    [Fact]
    public void Merge_writes_the_report_of_every_shard_dated_by_the_journals_last_change()
    {
        ShardedDataset.Create(_dir.Path, complete: true);
        var lastChange = JournalLayout.Find(_dir.Path).Select(f =>
        {
            using var reader = JournalReader.Open(f.Path);
            return reader.Run!.UpdatedAt ?? reader.Run.CreatedAt;
        }).Max();

        var result = DatasetMerger.Merge(_dir.Path, CancellationToken.None);

        Assert.Equal(_dir.File("report.html"), result.Report.Path);
        var html = File.ReadAllText(result.Report.Path);
        Assert.Contains("data-key=\"rows-total\">7<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"rows-done\">6<", html, StringComparison.Ordinal);
        Assert.Contains("as of the journals' last change " + HtmlText.Escape(HtmlText.Timestamp(lastChange)), html, StringComparison.Ordinal);
        Assert.Equal(lastChange, result.Report.Report.GeneratedAt);
        Assert.Equal(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"], result.Report.Report.Locations.Select(l => l.RowId));
        Assert.Equal(8, result.Report.Report.TilesListed);
    }

    [Fact]
    public void A_journal_held_by_a_running_batch_is_read_without_its_lock()
    {
        JournalFixture.Write(_dir.Path, [new("solo", 2, RowState.Done, (0, 0)), new("next", 3, RowState.Pending)]);
        using var running = BatchJournal.Open(_dir.Path, create: false);
        running.MarkRunning("next");

        var result = DatasetMerger.Merge(_dir.Path, CancellationToken.None);

        var journal = Assert.Single(result.Journals);
        Assert.Equal(("journal.db", null), (journal.Name, journal.ShardIndex));
        Assert.Null(result.ShardCount);
        Assert.True(journal.Unfinished);
        Assert.Equal(1, journal.Summary.Count(RowState.Running));
        Assert.Equal("solo", Assert.Single(TileIndexReader.ReadCsv(_dir.File("index.csv"))).RowId);
        Assert.Equal(2, result.Report.Report.Summary.RowsTotal); // the report too, while the batch holds its lock
    }

    [Fact]
    public void A_row_done_in_two_journals_is_listed_once()
    {
        JournalFixture.WriteShard(_dir.Path, 0, 2, [new("same", 2, RowState.Done, (0, 0))]);
        JournalFixture.WriteShard(_dir.Path, 1, 2, [new("same", 2, RowState.Done, (0, 0)), new("zed", 3, RowState.Done, (0, 0))]);

        var result = DatasetMerger.Merge(_dir.Path, CancellationToken.None);

        Assert.Equal(1, result.DuplicateRows);
        Assert.Equal(["same", "zed"], TileIndexReader.ReadCsv(_dir.File("index.csv")).Select(e => e.RowId));
    }

    [Fact]
    public void A_row_pending_in_one_journal_and_done_in_a_later_one_is_listed_from_the_done_one()
    {
        JournalFixture.WriteShard(_dir.Path, 0, 2, [new("moved", 2, RowState.Pending), new("zed", 4, RowState.Done, (0, 0))]);
        JournalFixture.WriteShard(_dir.Path, 1, 2, [new("alpha", 3, RowState.Done, (0, 0)), new("moved", 2, RowState.Done, (0, 1))]);

        var result = DatasetMerger.Merge(_dir.Path, CancellationToken.None);

        Assert.Equal([("alpha", 0), ("moved", 1), ("zed", 0)], TileIndexReader.ReadCsv(_dir.File("index.csv")).Select(e => (e.RowId, e.TileCol)));
        Assert.Equal(0, result.DuplicateRows);
    }

    [Fact]
    public void No_journal_or_mixed_shard_counts_are_bad_input()
    {
        var none = Assert.Throws<AxionException>(() => DatasetMerger.Merge(_dir.Path, CancellationToken.None));
        Assert.Equal(FailureKind.BadInput, none.Kind);
        Assert.Contains("nothing to merge", none.Message, StringComparison.Ordinal);

        JournalFixture.WriteShard(_dir.Path, 0, 3, [new("a", 2, RowState.Done, (0, 0))]);
        JournalFixture.WriteShard(_dir.Path, 0, 4, [new("b", 3, RowState.Done, (0, 0))]);
        var mixed = Assert.Throws<AxionException>(() => DatasetMerger.Merge(_dir.Path, CancellationToken.None));
        Assert.Equal(FailureKind.BadInput, mixed.Kind);
        Assert.Contains("shard-0-of-3.db", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("shard-0-of-4.db", mixed.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("index.csv")));
    }

    private static JournalRow DoneRow(string rowId, (int Row, int Col) cell) => new()
    {
        RowId = rowId,
        Line = 1,
        InputJson = "{}",
        State = RowState.Done,
        Outcome = new RowOutcome
        {
            ItemsJson = new System.Text.Json.Nodes.JsonObject
            {
                ["tiles"] = System.Text.Json.JsonSerializer.SerializeToNode(new[] { JournalFixture.Record(rowId, cell.Row, cell.Col) }),
            }.ToJsonString(),
        },
    };
}
