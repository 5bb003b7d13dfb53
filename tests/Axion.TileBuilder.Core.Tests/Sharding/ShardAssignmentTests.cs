using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Core.Tests.Sharding;

public sealed class ShardAssignmentTests
{
    /// <summary>
    /// Pinned XxHash64 (seed 0) values of UTF-8 ids. The first three are the algorithm's published reference values; the
    /// others were checked against an independent implementation of the xxHash64 specification. If one of these changes,
    /// every sharded batch in the world would split its rows differently: never update them.
    /// </summary>
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    [InlineData("iowa-cropland", 0xDA481E88A9D56C63UL)]
    [InlineData("black-forest", 0xAEC2AEA607F7FC1DUL)]
    [InlineData("algarve-coast", 0x288ACB6F1037177FUL)]
    [InlineData("Zürich_alt.2", 0xDC258469DC12A497UL)]
    [InlineData("a-very-long-row-id-that-is-longer-than-thirty-two-bytes.x", 0x0560783B0D5BF943UL)]
    public void Hash_is_xxhash64_of_the_utf8_id(string id, ulong expected) => Assert.Equal(expected, ShardAssignment.Hash(id));

    [Theory]
    [InlineData("iowa-cropland", 3, 1)]
    [InlineData("black-forest", 3, 1)]
    [InlineData("algarve-coast", 3, 2)]
    [InlineData("iowa-cropland", 7, 0)]
    [InlineData("row-0001", 7, 4)]
    [InlineData("amazon-forest", 100000, 88294)]
    [InlineData("Zürich_alt.2", 100000, 82007)]
    [InlineData("anything", 1, 0)]
    public void Shard_is_the_unsigned_hash_modulo_the_count(string id, int count, int expected) =>
        Assert.Equal(expected, ShardAssignment.ShardOf(id, count));

    [Fact]
    public void Ten_thousand_ids_spread_over_seven_shards_within_ten_percent_of_the_mean()
    {
        var counts = new int[7];
        for (var i = 0; i < 10_000; i++)
        {
            counts[ShardAssignment.ShardOf($"row-{i:D5}", 7)]++;
        }

        var mean = 10_000 / 7.0;
        Assert.All(counts, c => Assert.InRange(c, mean * 0.9, mean * 1.1));
    }

    [Fact]
    public void Count_out_of_range_is_refused()
    {
        Assert.Throws<ShardSpecException>(() => ShardAssignment.ShardOf("a", 0));
        Assert.Throws<ShardSpecException>(() => ShardAssignment.ShardOf("a", ShardSpec.MaxCount + 1));
    }
}
