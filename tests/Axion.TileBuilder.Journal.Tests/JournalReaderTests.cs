using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal.Tests;

public class JournalReaderTests
{
    [Fact]
    public void EnumerateRows_pages_in_line_or_row_id_order_and_filters_by_state()
    {
        using var dir = new TempOutDir();
        using var journal = BatchJournal.Open(dir.Path, create: true);
        journal.StartRun(JournalFixtures.Run());
        journal.AddRows([JournalFixtures.Seed("c", 2), JournalFixtures.Seed("a", 3), JournalFixtures.Seed("b", 4), JournalFixtures.Seed("d", 5)]);
        foreach (var id in new[] { "c", "a", "d" })
        {
            journal.MarkRunning(id);
            journal.MarkDone(id, JournalFixtures.Outcome(id));
        }

        Assert.Equal(["c", "a", "d"], journal.EnumerateRows(RowState.Done, JournalRowOrder.Line, pageSize: 1).Select(r => r.RowId));
        Assert.Equal(["a", "c", "d"], journal.EnumerateRows(RowState.Done, JournalRowOrder.RowId, pageSize: 2).Select(r => r.RowId));
        Assert.Equal(["a", "b", "c", "d"], journal.EnumerateRows(null, JournalRowOrder.RowId, pageSize: 3).Select(r => r.RowId));
        Assert.Equal("b", Assert.Single(journal.EnumerateRows(RowState.Pending)).RowId);
    }

    [Fact]
    public void EnumerateOutcomeValues_gives_one_part_of_each_done_rows_outcome_across_pages()
    {
        using var dir = new TempOutDir();
        using var journal = BatchJournal.Open(dir.Path, create: true);
        journal.StartRun(JournalFixtures.Run());
        journal.AddRows([JournalFixtures.Seed("c", 2), JournalFixtures.Seed("a", 3), JournalFixtures.Seed("b", 4), JournalFixtures.Seed("d", 5), JournalFixtures.Seed("e", 6)]);
        foreach (var (id, items) in new[] { ("c", """{"decisions":{"timesteps":[{"state":"done"}]},"tiles":[]}"""), ("a", """{"decisions":{}}"""), ("d", """{"decisions":{"timesteps":[]}, "tiles":[1]}""") })
        {
            journal.MarkRunning(id);
            journal.MarkDone(id, JournalFixtures.Outcome(id) with { ItemsJson = items });
        }

        journal.MarkRunning("e"); // not done: left out

        // In the order the rows were added, a page of one row at a time; null where the path is absent.
        Assert.Equal(["""[{"state":"done"}]""", null, "[]"], journal.EnumerateOutcomeValues(RowState.Done, "$.decisions.timesteps", pageSize: 1));
        Assert.Equal(["[]", null, "[1]"], journal.EnumerateOutcomeValues(RowState.Done, "$.tiles", pageSize: 2));
    }

    [Fact]
    public void Reader_sees_a_journal_held_by_its_batch_in_one_snapshot_and_writes_nothing()
    {
        using var dir = new TempOutDir();
        using (var closed = JournalFixtures.Seeded(dir.Path, 3))
        {
            closed.MarkRunning("loc-000");
            closed.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        }

        var before = Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        using (var idle = JournalReader.Open(dir.Sub(BatchJournal.FileName)))
        {
            Assert.Equal("local", idle.Run?.Catalog);
            Assert.Equal(1, idle.Summarize().Count(RowState.Done));
        }

        // A closed journal is read as immutable: no -wal or -shm file appears.
        Assert.Equal(before, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        using var running = BatchJournal.Open(dir.Path, create: false);
        using var reader = JournalReader.Open(dir.Sub(BatchJournal.FileName));
        running.MarkRunning("loc-001");
        running.MarkDone("loc-001", JournalFixtures.Outcome("loc-001"));

        // The reader's snapshot was taken before that change (WAL: readers see the last committed state at their start).
        Assert.Equal(1, reader.Summarize().Count(RowState.Done));
        Assert.Equal(["loc-000"], reader.EnumerateRows(RowState.Done).Select(r => r.RowId));
        using var later = JournalReader.Open(dir.Sub(BatchJournal.FileName));
        Assert.Equal(2, later.Summarize().Count(RowState.Done));
    }

    [Fact]
    public void Reader_refuses_a_missing_file_and_a_database_that_is_not_a_journal()
    {
        using var dir = new TempOutDir();
        var missing = Assert.Throws<JournalStorageException>(() => JournalReader.Open(dir.Sub("none.db")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        var other = dir.Sub("other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + other + ";Pooling=False"))
        {
            connection.Open();
            JournalFixtures.Execute(connection, "CREATE TABLE t (x INTEGER);");
        }

        var notJournal = Assert.Throws<JournalStorageException>(() => JournalReader.Open(other));
        Assert.Equal(FailureKind.Environment, notJournal.Kind);
        Assert.Contains("not an axion-tiles journal", notJournal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summaries_of_shards_add_up()
    {
        using var a = new TempOutDir();
        using var b = new TempOutDir();
        using var first = JournalFixtures.Seeded(a.Path, 2);
        using var second = JournalFixtures.Seeded(b.Path, 3);
        first.MarkRunning("loc-000");
        first.MarkDone("loc-000", JournalFixtures.Outcome("loc-000", tiles: 2));
        second.MarkRunning("loc-001");
        second.MarkDone("loc-001", JournalFixtures.Outcome("loc-001", tiles: 3));
        second.MarkRunning("loc-002");
        second.MarkFailed("loc-002", FailureKind.Transient, "http_503", "busy");

        var sum = JournalSummary.Sum([first.Summarize(), second.Summarize()]);

        Assert.Equal((5, 2, 1, 2), (sum.RowsTotal, sum.Count(RowState.Done), sum.Count(RowState.Failed), sum.Count(RowState.Pending)));
        Assert.Equal((5L, 2L, 2_000_000L, 46L), (sum.TilesWritten, sum.TilesRejected, sum.BytesRead, sum.Requests));
        Assert.Equal(2, sum.RejectedByReason["cloud"]);
        Assert.Equal(1, sum.FailuresByReason["http_503"]);
        Assert.Equal(1, sum.RetryableFailed);
        Assert.Equal(3.0, sum.Seconds);
    }
}
