using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.Core.Tests.Radiometry;

public class ProcessingBaselineTests
{
    [Theory]
    [InlineData("04.00", 4, 0)]
    [InlineData("05.11", 5, 11)]
    [InlineData("02.12", 2, 12)]
    [InlineData("4.0", 4, 0)]
    [InlineData("N0511", 5, 11)]
    [InlineData("0400", 4, 0)]
    [InlineData(" 05.09 ", 5, 9)]
    public void Parses_the_usual_forms(string text, int major, int minor)
    {
        Assert.True(ProcessingBaseline.TryParse(text, out var b));
        Assert.Equal(new ProcessingBaseline(major, minor), b);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("05.")]
    [InlineData("5.1.2")]
    [InlineData("-4.00")]
    public void Refuses_other_text(string? text) => Assert.False(ProcessingBaseline.TryParse(text, out _));

    [Fact]
    public void Compares_numerically_not_as_text()
    {
        static ProcessingBaseline P(string s) => ProcessingBaseline.TryParse(s, out var b) ? b : throw new InvalidOperationException(s);

        Assert.True(P("02.12") < P("04.00"));
        Assert.True(P("04.00") < P("05.11"));
        Assert.True(P("4.10") > P("04.9")); // text comparison would say otherwise
        Assert.True(P("10.00") > P("9.99"));
        Assert.True(P("04.00") >= P("4.0"));
        Assert.False(P("03.99").HasBoaOffset);
        Assert.True(P("04.00").HasBoaOffset);
        Assert.True(P("05.11").HasBoaOffset);
        Assert.Equal("04.00", P("4.0").ToString());
    }
}
