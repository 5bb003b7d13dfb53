using System.IO.Hashing;
using System.Text;

namespace Axion.TileBuilder.Sharding;

/// <summary>
/// Which shard a row belongs to: XxHash64 (seed 0) of the row id's UTF-8 bytes, read as an unsigned 64-bit number,
/// modulo the number of shards. The same on every machine, OS, .NET and axion-tiles version (unlike
/// <see cref="string.GetHashCode()"/>, which .NET randomises per process); the tests pin the hashes of fixed ids.
/// </summary>
public static class ShardAssignment
{
    /// <summary>The unsigned XxHash64 (seed 0) of <paramref name="rowId"/>'s UTF-8 bytes.</summary>
    public static ulong Hash(string rowId)
    {
        ArgumentNullException.ThrowIfNull(rowId);
        return XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(rowId));
    }

    /// <summary>The shard, 0 .. <paramref name="count"/> - 1, of row <paramref name="rowId"/> in a batch of <paramref name="count"/> shards.</summary>
    /// <exception cref="ShardSpecException"><paramref name="count"/> is not 1..<see cref="ShardSpec.MaxCount"/>.</exception>
    public static int ShardOf(string rowId, int count)
    {
        ShardSpec.CheckCount(count, $"shard count {count}");
        return (int)(Hash(rowId) % (ulong)count);
    }
}
