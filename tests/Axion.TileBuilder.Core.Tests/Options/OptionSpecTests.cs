using Axion.TileBuilder.Options;

namespace Axion.TileBuilder.Core.Tests.Options;

public class OptionSpecTests
{
    private static readonly OptionSpec<double> Fraction = new("--fraction", 0.5, 0, 1, "of a thing");
    private static readonly OptionSpec<int> Count = new("--count", 3, 1, int.MaxValue, string.Empty);
    private static readonly OptionSpec<double> Days = new("days", 2, 0, double.MaxValue, "days");

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(0.5, true)]
    [InlineData(-0.01, false)]
    [InlineData(1.01, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void Accepts_finite_values_within_the_inclusive_range(double value, bool accepted)
    {
        Assert.Equal(accepted, Fraction.Accepts(value));
        Assert.Equal(accepted, Fraction.Problem(value) is null);
    }

    [Fact]
    public void Problem_names_the_option_quotes_the_value_and_gives_range_and_unit()
    {
        Assert.Equal("--fraction 1.5 must be 0..1 (of a thing)", Fraction.Problem(1.5));
        Assert.Equal("--count 0 must be at least 1", Count.Problem(0));
        Assert.Equal("days -1 must be 0 or more (days)", Days.Problem(-1));
        Assert.Equal("days Infinity must be 0 or more (days)", Days.Problem(double.PositiveInfinity));
    }

    [Fact]
    public void Texts_give_range_and_default()
    {
        Assert.Equal("Default 0.5.", Fraction.DefaultText);
        Assert.Equal("0..1", Fraction.RangeText);
        Assert.Equal("at least 1", Count.RangeText);
        Assert.Equal("0 or more", Days.RangeText);
    }

    [Fact]
    public void Every_build_default_is_within_its_own_range()
    {
        foreach (var spec in new[] { BuildOptionSpecs.TilesX, BuildOptionSpecs.TilesY, BuildOptionSpecs.TileSize, BuildOptionSpecs.Workers, BuildOptionSpecs.MaxCandidates, BuildOptionSpecs.WindowDays })
        {
            Assert.True(spec.Accepts(spec.Default), spec.Name);
        }

        foreach (var spec in new[] { BuildOptionSpecs.MaxReadFactor, BuildOptionSpecs.MaxSceneCloud, BuildOptionSpecs.MinClear, BuildOptionSpecs.MinValid, BuildOptionSpecs.S1MaxDays })
        {
            Assert.True(spec.Accepts(spec.Default), spec.Name);
        }
    }
}
