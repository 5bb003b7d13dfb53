namespace Axion.TileBuilder.Journal.Tests;

public class JournalLayoutTests
{
    [Theory]
    [InlineData("shard-0-of-1.db", true, 0, 1)]
    [InlineData("shard-12-of-100.db", true, 12, 100)]
    [InlineData("shard-3-of-3.db", false, 0, 0)]
    [InlineData("shard-01-of-3.db", false, 0, 0)]
    [InlineData("shard-1-of-3.db-wal", false, 0, 0)]
    [InlineData(".shard-1-of-3.db.tmp-ab12", false, 0, 0)]
    [InlineData("journal.db", false, 0, 0)]
    public void Shard_file_names_parse_only_when_well_formed(string name, bool ok, int index, int count)
    {
        Assert.Equal(ok, JournalLayout.TryParseShardFileName(name, out var k, out var n));
        Assert.Equal((index, count), ok ? (k, n) : (0, 0));
        if (ok)
        {
            Assert.Equal(name, JournalLayout.ShardFileName(k, n));
        }
    }

    [Fact]
    public void Find_lists_journal_db_then_the_shard_journals_by_n_then_k_and_nothing_else()
    {
        using var dir = new TempOutDir();
        Assert.Empty(JournalLayout.Find(dir.Path));
        var shards = Directory.CreateDirectory(dir.Sub(JournalLayout.ShardFolder)).FullName;
        foreach (var name in new[] { "shard-10-of-12.db", "shard-2-of-12.db", "shard-0-of-12.db-wal", "batch.json", ".shard-1-of-12.db.tmp-0a", "shard-1-of-12.db" })
        {
            File.WriteAllBytes(Path.Combine(shards, name), []);
        }

        File.WriteAllBytes(dir.Sub(BatchJournal.FileName), []);

        var found = JournalLayout.Find(dir.Path);

        Assert.Equal(["journal.db", "_journal/shard-1-of-12.db", "_journal/shard-2-of-12.db", "_journal/shard-10-of-12.db"], found.Select(f => f.Name));
        Assert.Equal([null, 1, 2, 10], found.Select(f => f.ShardIndex));
        Assert.All(found.Skip(1), f => Assert.Equal(12, f.ShardCount));
        Assert.Equal(Path.Combine(shards, "shard-2-of-12.db"), found[2].Path);
        Assert.Throws<ArgumentOutOfRangeException>(() => JournalLayout.ShardFileName(3, 3));
    }
}
