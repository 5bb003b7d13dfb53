using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Core.Tests.Selection;

public class SelectionOptionsTests
{
    [Fact]
    public void Defaults_are_documented_values()
    {
        var o = new SelectionOptions();
        Assert.Equal(30, o.MaxSceneCloud);
        Assert.Equal(0.9, o.MinClear);
        Assert.Equal(5, o.MaxCandidatesToCheck);
        Assert.Equal(12, o.S1MaxDays);
        Assert.Equal(TimeSpan.FromDays(12), o.S1MaxDelta);
        Assert.Equal(SclClassSet.DefaultInvalid, o.InvalidSclClasses);
        Assert.Equal(0.9, o.MinValid);
        Assert.Equal(365, o.DefaultWindowDays);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Validate_names_each_bad_value()
    {
        var o = new SelectionOptions
        {
            MaxSceneCloud = 101,
            MinClear = 1.5,
            MaxCandidatesToCheck = 0,
            S1MaxDays = -1,
            InvalidSclClasses = SclClassSet.Parse("8,9"),
            MinValid = double.NaN,
            DefaultWindowDays = 0,
        };
        var errors = o.Validate();
        Assert.Equal(7, errors.Count);
        Assert.Contains("--max-scene-cloud 101 must be 0..100 (percent)", errors);
        Assert.Contains("--min-clear 1.5 must be 0..1 (fraction of the AOI)", errors);
        Assert.Contains("--invalid-scl '8,9' must include 0 (no data)", errors);
        Assert.Contains("--min-valid NaN must be 0..1 (fraction of a tile)", errors);
    }

    [Fact]
    public void With_changes_one_value_and_keeps_equality()
    {
        var a = new SelectionOptions() with { MaxSceneCloud = 10 };
        var b = new SelectionOptions() with { MaxSceneCloud = 10 };
        Assert.Equal(a, b);
        Assert.NotEqual(new SelectionOptions(), a);
    }
}
