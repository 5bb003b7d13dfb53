using Axion.TileBuilder.Options;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Core.Tests.Options;

/// <summary>The bound of the start jitter by shard, and the delay drawn within it (seeded randomness, no clock).</summary>
public sealed class StartJitterRuleTests
{
    [Fact]
    public void An_unsharded_batch_has_no_jitter_by_default() => Assert.Equal(0, StartJitterRule.DefaultSeconds(null));

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(3, 0.3)]
    [InlineData(16, 1.6)]
    [InlineData(300, 30)]
    [InlineData(100_000, 30)]
    public void A_shard_waits_up_to_a_tenth_of_a_second_per_shard_at_most_thirty(int shards, double expected) =>
        Assert.Equal(expected, StartJitterRule.DefaultSeconds(new ShardSpec(0, shards)), 9);

    [Fact]
    public void Every_drawn_delay_lies_within_the_bound_and_they_spread_over_it()
    {
        var random = new Random(20261204);

        var delays = Enumerable.Range(0, 1000).Select(_ => StartJitterRule.Draw(30, random).TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 0, 30));
        Assert.InRange(delays.Count(d => d < 15), 400, 600); // uniform: about half in each half of the range
        Assert.True(delays.Min() < 1 && delays.Max() > 29, $"draws span {delays.Min():F2}..{delays.Max():F2} s");
    }

    [Fact]
    public void The_same_seed_draws_the_same_delay_and_a_zero_bound_draws_none()
    {
        Assert.Equal(StartJitterRule.Draw(12.5, new Random(7)), StartJitterRule.Draw(12.5, new Random(7)));
        Assert.Equal(TimeSpan.Zero, StartJitterRule.Draw(0, new Random(7)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(601)]
    [InlineData(double.NaN)]
    public void A_bound_outside_0_to_600_seconds_is_refused_naming_the_option(double bound)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => StartJitterRule.Draw(bound, new Random(1)));

        Assert.Contains("--start-jitter", e.Message, StringComparison.Ordinal);
    }
}
