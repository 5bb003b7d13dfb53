using Axion.TileBuilder.Stac.Signing;

namespace Axion.TileBuilder.Stac.Tests.Signing;

public sealed class SigningHostsTests
{
    [Theory]
    [InlineData("*.blob.core.windows.net", "https://sentinel2l2a01.blob.core.windows.net/x.tif", true)]
    [InlineData("*.blob.core.windows.net", "https://SENTINEL2L2A01.Blob.Core.Windows.Net:8443/x.tif", true)]
    [InlineData("*.blob.core.windows.net", "https://blob.core.windows.net/x.tif", false)]
    [InlineData("*.blob.core.windows.net", "https://evil.blob.core.windows.net.attacker.test/x.tif", false)]
    [InlineData("*.blob.core.windows.net", "https://evilblob.core.windows.net/x.tif", false)]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/blob/x.tif", true)]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8081/blob/x.tif", false)]
    [InlineData("127.0.0.1", "http://127.0.0.1:8081/blob/x.tif", true)]
    [InlineData("[::1]:8080", "http://[::1]:8080/x.tif", true)]
    [InlineData("example.test", "http://user@attacker.test/x.tif?example.test", false)]
    public void Matches_host_and_port(string pattern, string url, bool expected)
    {
        Assert.Equal(expected, SigningHosts.Parse([pattern]).Matches(new Uri(url)));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("https://example.test", "not a host name")]
    [InlineData("example.test/path", "not a host name")]
    [InlineData("*example.test", "not a host name")]
    [InlineData("a.*.test", "not a host name")]
    [InlineData("example.test:0", "invalid port")]
    [InlineData("example.test:http", "invalid port")]
    public void Refuses_malformed_patterns_quoting_them(string pattern, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => SigningHosts.Parse([pattern]));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
