using Axion.TileBuilder.Randomness;

namespace Axion.TileBuilder.Core.Tests.Randomness;

public sealed class SplitMix64Tests
{
    [Fact]
    public void Sequence_matches_the_reference_implementation()
    {
        // Vigna's splitmix64.c seeded with 1234567.
        var rng = new SplitMix64(1234567);
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        Assert.Equal(expected, expected.Select(_ => rng.NextUInt64()));
    }

    [Fact]
    public void Seeds_are_mixed_in_turn_as_the_synthetic_world_always_did()
    {
        // The world generator's former SplitMix(42, 7, 0x10CA7E): state = Mix(Mix(Mix(gamma ^ 42) ^ 7) ^ 0x10CA7E).
        Assert.Equal(663927278798613565UL, SplitMix64.FromSeeds(42, 7, 0x10CA7E).NextUInt64());
        Assert.NotEqual(SplitMix64.FromSeeds(42, 7).NextUInt64(), SplitMix64.FromSeeds(7, 42).NextUInt64());
    }

    [Fact]
    public void Draws_stay_in_their_ranges()
    {
        var rng = new SplitMix64(9);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(rng.NextDouble(), 0.0, Math.BitDecrement(1.0));
            Assert.InRange(rng.NextDouble(-3, 5), -3.0, Math.BitDecrement(5.0));
            Assert.InRange(rng.NextInt(7), 0, 6);
            Assert.Contains(rng.NextSign(), new[] { -1, 1 });
            Assert.True(double.IsFinite(rng.NextGaussian()));
        }
    }

    [Fact]
    public void Generator_handed_to_a_method_advances_the_callers_sequence()
    {
        var shared = new SplitMix64(5);
        var reference = new SplitMix64(5);
        Draw(shared);
        reference.NextUInt64();
        Assert.Equal(reference.NextUInt64(), shared.NextUInt64());

        static void Draw(SplitMix64 rng) => rng.NextUInt64();
    }
}
