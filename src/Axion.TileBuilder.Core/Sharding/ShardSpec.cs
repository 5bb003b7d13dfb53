using System.Globalization;

namespace Axion.TileBuilder.Sharding;

/// <summary>
/// One shard of a batch split across <see cref="Count"/> processes: shard <see cref="Index"/> builds the rows whose
/// id hashes to it (<see cref="ShardAssignment.ShardOf"/>). Written <c>K/N</c> on the command line (<c>--shard 2/3</c>).
/// </summary>
public readonly record struct ShardSpec
{
    /// <summary>The largest number of shards a batch may have (100,000).</summary>
    public const int MaxCount = 100_000;

    /// <summary>Creates shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ShardSpecException"><paramref name="count"/> is not 1..<see cref="MaxCount"/> or
    /// <paramref name="index"/> is not 0..count-1.</exception>
    public ShardSpec(int index, int count)
    {
        CheckCount(count, string.Create(CultureInfo.InvariantCulture, $"shard count {count}"));
        if (index < 0 || index >= count)
        {
            throw new ShardSpecException(string.Create(
                CultureInfo.InvariantCulture, $"shard index {index} is out of range: with {count} shards it must be 0..{count - 1}"));
        }

        Index = index;
        Count = count;
    }

    /// <summary>This shard's index, 0 .. <see cref="Count"/> - 1.</summary>
    public int Index { get; }

    /// <summary>The number of shards of the batch, 1 .. <see cref="MaxCount"/>.</summary>
    public int Count { get; }

    /// <summary>Parses <c>K/N</c> (decimal digits, 0 &lt;= K &lt; N &lt;= 100000), as given to <paramref name="source"/>.</summary>
    /// <param name="text">The value, e.g. <c>2/3</c>.</param>
    /// <param name="source">What the value came from, for the message (default <c>--shard</c>).</param>
    /// <exception cref="ShardSpecException">The value is not <c>K/N</c> or out of range; the message quotes it.</exception>
    public static ShardSpec Parse(string? text, string source = "--shard")
    {
        var value = text ?? string.Empty;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryParseCount(value[..slash], out var index) || !TryParseCount(value[(slash + 1)..], out var count))
        {
            throw new ShardSpecException($"{source} '{value}' must be K/N: this process's shard K of N shards, 0 <= K < N <= {MaxCount} (e.g. 0/3, 1/3, 2/3)");
        }

        if (count < 1 || count > MaxCount)
        {
            throw new ShardSpecException(string.Create(CultureInfo.InvariantCulture, $"{source} '{value}': the number of shards must be 1..{MaxCount}"));
        }

        if (index >= count)
        {
            throw new ShardSpecException(string.Create(CultureInfo.InvariantCulture, $"{source} '{value}': the shard index must be 0..{count - 1} with {count} shards"));
        }

        return new ShardSpec(index, count);
    }

    /// <summary>True when row <paramref name="rowId"/> belongs to this shard.</summary>
    public bool Contains(string rowId) => ShardAssignment.ShardOf(rowId, Count) == Index;

    /// <summary><c>K/N</c>, as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses a non-negative decimal integer (ASCII digits only, at most 9 of them).</summary>
    internal static bool TryParseCount(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 9 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Throws unless <paramref name="count"/> is 1..<see cref="MaxCount"/>; <paramref name="what"/> names it.</summary>
    internal static void CheckCount(int count, string what)
    {
        if (count < 1 || count > MaxCount)
        {
            throw new ShardSpecException(string.Create(CultureInfo.InvariantCulture, $"{what} is out of range: the number of shards must be 1..{MaxCount}"));
        }
    }
}
