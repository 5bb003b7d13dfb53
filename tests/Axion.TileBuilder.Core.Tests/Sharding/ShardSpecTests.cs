using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Core.Tests.Sharding;

public sealed class ShardSpecTests
{
    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("2/3", 2, 3)]
    [InlineData("99999/100000", 99999, 100000)]
    public void Parses_k_of_n(string text, int index, int count)
    {
        var shard = ShardSpec.Parse(text);

        Assert.Equal(index, shard.Index);
        Assert.Equal(count, shard.Count);
        Assert.Equal(text, shard.ToString());
    }

    [Theory]
    [InlineData("3/3", "the shard index must be 0..2 with 3 shards")]
    [InlineData("0/0", "the number of shards must be 1..100000")]
    [InlineData("0/100001", "the number of shards must be 1..100000")]
    [InlineData("-1/3", "must be K/N")]
    [InlineData("1", "must be K/N")]
    [InlineData("1/3/5", "must be K/N")]
    [InlineData(" 1/3", "must be K/N")]
    [InlineData("a/b", "must be K/N")]
    [InlineData("", "must be K/N")]
    [InlineData("1/9999999999", "must be K/N")]
    public void Rejects_bad_values_quoting_them_and_the_range(string text, string expected)
    {
        var ex = Assert.Throws<ShardSpecException>(() => ShardSpec.Parse(text));

        Assert.Contains($"--shard '{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.BadInput, ex.Kind);
    }

    [Fact]
    public void Constructor_checks_the_range()
    {
        Assert.Contains("must be 0..3", Assert.Throws<ShardSpecException>(() => new ShardSpec(4, 4)).Message, StringComparison.Ordinal);
        Assert.Contains("1..100000", Assert.Throws<ShardSpecException>(() => new ShardSpec(0, 100_001)).Message, StringComparison.Ordinal);
        Assert.Throws<ShardSpecException>(() => new ShardSpec(-1, 4));
    }

    [Fact]
    public void Contains_is_the_assignment_of_the_row_id()
    {
        // Pinned in ShardAssignmentTests: iowa-cropland -> 1 of 3, algarve-coast -> 2 of 3.
        Assert.True(new ShardSpec(1, 3).Contains("iowa-cropland"));
        Assert.False(new ShardSpec(2, 3).Contains("iowa-cropland"));
        Assert.True(new ShardSpec(2, 3).Contains("algarve-coast"));
        Assert.True(new ShardSpec(0, 1).Contains("anything"));
    }
}
