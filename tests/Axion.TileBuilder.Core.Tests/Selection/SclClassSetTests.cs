using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Core.Tests.Selection;

public class SclClassSetTests
{
    [Fact]
    public void Default_set_is_the_usual_invalid_classes()
    {
        Assert.Equal([0, 1, 3, 8, 9, 10], SclClassSet.DefaultInvalid.Classes);
        Assert.Equal("0,1,3,8,9,10", SclClassSet.DefaultInvalid.ToString());
        Assert.Equal(6, SclClassSet.DefaultInvalid.Count);
    }

    [Theory]
    [InlineData("0,1,3,8,9,10", "0,1,3,8,9,10")]
    [InlineData(" 10 , 9,8,3,1,0 ", "0,1,3,8,9,10")]
    [InlineData("0,1,3,8,9,10,11,2", "0,1,2,3,8,9,10,11")]
    [InlineData("0,0", "0")]
    public void Parse_reads_lists(string text, string expected)
    {
        var set = SclClassSet.Parse(text);
        Assert.Equal(expected, set.ToString());
        Assert.Equal(set, SclClassSet.Parse(set.ToString()));
    }

    [Fact]
    public void Parsed_default_equals_default()
    {
        Assert.Equal(SclClassSet.DefaultInvalid, SclClassSet.Parse("0,1,3,8,9,10"));
        Assert.NotEqual(SclClassSet.DefaultInvalid, SclClassSet.Parse("0,1,3,8,9,10,11"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0,12", "'12' is not a class 0..11")]
    [InlineData("0;1", "'0;1' is not a class")]
    [InlineData("a", "'a' is not a class")]
    [InlineData("0,,1", "'' is not a class")]
    [InlineData("-1", "'-1' is not a class")]
    public void Parse_refuses_bad_lists_quoting_them(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SclClassSet.Parse(text));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void With_and_without()
    {
        var set = SclClassSet.DefaultInvalid.With(11).Without(10);
        Assert.True(set.Contains(11));
        Assert.False(set.Contains(10));
        Assert.False(set.Contains(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.With(12));
    }
}
