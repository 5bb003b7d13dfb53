using Axion.TileBuilder.Stac.Http;

namespace Axion.TileBuilder.Stac.Tests.Http;

public class ExcerptTests
{
    [Fact]
    public void Long_bodies_are_cut_to_200_characters_on_one_line()
    {
        var text = string.Join("\n", Enumerable.Repeat("0123456789", 50));

        var excerpt = JsonHttpTransport.Excerpt(text);

        Assert.Equal(203, excerpt.Length);
        Assert.EndsWith("...", excerpt);
        Assert.DoesNotContain("\n", excerpt);
    }

    [Fact]
    public void Html_is_reduced_to_text()
    {
        Assert.Equal("Service Unavailable Try &later", JsonHttpTransport.Excerpt("<html><head><script>var a = '<b>';</script><title>Service Unavailable</title></head><body><p>Try &amp;later</p></body></html>"));
    }
}
