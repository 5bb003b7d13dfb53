namespace Axion.TileBuilder.Journal;

/// <summary>The order in which <see cref="BatchJournal.EnumerateRows"/> and <see cref="JournalReader.EnumerateRows"/> hand out rows.</summary>
public enum JournalRowOrder
{
    /// <summary>By CSV line, then row id (ordinal): the order of the input file.</summary>
    Line,

    /// <summary>By row id (ordinal, SQLite's BINARY collation = UTF-8 byte order): the same on every shard, so shards merge by id.</summary>
    RowId,
}
