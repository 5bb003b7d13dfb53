using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Core.Tests.Selection;

public class ClearFractionTests
{
    private static byte[] Window(params (byte Value, int Count)[] parts) =>
        parts.SelectMany(p => Enumerable.Repeat(p.Value, p.Count)).ToArray();

    [Fact]
    public void Default_invalid_set_counts_vegetation_and_snow_as_clear()
    {
        var scl = Window((0, 10), (9, 20), (11, 5), (4, 60), (3, 5));
        Assert.Equal(0.65, ClearFraction.Compute(scl, SclClassSet.DefaultInvalid), 12);
    }

    [Fact]
    public void Adding_snow_and_dark_area_lowers_the_fraction()
    {
        var scl = Window((2, 10), (11, 5), (6, 85));
        Assert.Equal(1.0, ClearFraction.Compute(scl, SclClassSet.DefaultInvalid), 12);
        Assert.Equal(0.95, ClearFraction.Compute(scl, SclClassSet.DefaultInvalid.With(11)), 12);
        Assert.Equal(0.85, ClearFraction.Compute(scl, SclClassSet.DefaultInvalid.With(11).With(2)), 12);
    }

    [Fact]
    public void Nodata_and_non_scl_values_are_always_invalid()
    {
        var scl = Window((0, 25), (200, 25), (5, 50));
        Assert.Equal(0.5, ClearFraction.Compute(scl, SclClassSet.Empty), 12);
        Assert.Equal(0.5, ClearFraction.Compute(scl, SclClassSet.Parse("1,3")), 12);
    }

    [Fact]
    public void Lookup_overload_agrees_and_checks_its_length()
    {
        var scl = Window((8, 7), (4, 13));
        Assert.Equal(13.0 / 20, ClearFraction.Compute(scl, SclClassSet.DefaultInvalid.ToLookup()), 12);
        Assert.Throws<ArgumentException>(() => ClearFraction.Compute(scl, new bool[12]));
    }

    [Fact]
    public void Empty_window_is_not_clear()
    {
        Assert.Equal(0, ClearFraction.Compute([], SclClassSet.DefaultInvalid));
    }

    [Fact]
    public void Large_window_counts_exactly()
    {
        var scl = new byte[1024 * 1024];
        for (var i = 0; i < scl.Length; i++)
        {
            scl[i] = (byte)(i % 12);
        }

        // Classes 0..11 equally often; 6 of the 12 are invalid by default.
        Assert.Equal(0.5, ClearFraction.Compute(scl, SclClassSet.DefaultInvalid), 4);
    }
}
