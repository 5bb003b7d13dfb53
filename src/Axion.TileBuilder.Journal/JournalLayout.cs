using System.Globalization;
using System.Text.RegularExpressions;

namespace Axion.TileBuilder.Journal;

/// <summary>
/// Where the journals of a dataset folder live: an unsharded batch keeps <c>&lt;out&gt;/journal.db</c>, a sharded
/// batch one journal per shard, <c>&lt;out&gt;/_journal/shard-&lt;K&gt;-of-&lt;N&gt;.db</c>. <see cref="Find"/> is the one
/// place that lists them (used by <c>merge</c>, <c>validate</c> and <c>report</c>).
/// </summary>
public static partial class JournalLayout
{
    /// <summary>The folder of the shard journals inside the dataset folder.</summary>
    public const string ShardFolder = "_journal";

    /// <summary>The file name of shard <paramref name="index"/> of <paramref name="count"/>: <c>shard-&lt;K&gt;-of-&lt;N&gt;.db</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt;= <paramref name="index"/> &lt; <paramref name="count"/>.</exception>
    public static string ShardFileName(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return string.Create(CultureInfo.InvariantCulture, $"shard-{index}-of-{count}.db");
    }

    /// <summary>Reads K and N from a shard journal's file name; false for any other name (or K &gt;= N).</summary>
    public static bool TryParseShardFileName(string fileName, out int index, out int count)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        index = count = 0;
        var match = ShardName().Match(fileName);
        return match.Success
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && index < count;
    }

    /// <summary>
    /// The journals of <paramref name="outDir"/>: <c>journal.db</c> when present, then every
    /// <c>_journal/shard-K-of-N.db</c> ordered by N, then K. Other files in <c>_journal</c> (snapshots being
    /// written, <c>-wal</c>/<c>-shm</c> files, <c>batch.json</c>) are not journals and are left out.
    /// </summary>
    public static IReadOnlyList<JournalFile> Find(string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var dir = Path.GetFullPath(outDir);
        var found = new List<JournalFile>();
        var single = Path.Combine(dir, BatchJournal.FileName);
        if (File.Exists(single))
        {
            found.Add(new JournalFile(single, BatchJournal.FileName, null, null));
        }

        var shardDir = Path.Combine(dir, ShardFolder);
        if (!Directory.Exists(shardDir))
        {
            return found;
        }

        var shards = new List<JournalFile>();
        foreach (var path in Directory.EnumerateFiles(shardDir, "shard-*.db", SearchOption.TopDirectoryOnly))
        {
            var name = Path.GetFileName(path);
            if (TryParseShardFileName(name, out var index, out var count))
            {
                shards.Add(new JournalFile(path, ShardFolder + "/" + name, index, count));
            }
        }

        found.AddRange(shards.OrderBy(s => s.ShardCount).ThenBy(s => s.ShardIndex));
        return found;
    }

    [GeneratedRegex(@"^shard-(0|[1-9][0-9]{0,8})-of-([1-9][0-9]{0,8})\.db$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardName();
}
