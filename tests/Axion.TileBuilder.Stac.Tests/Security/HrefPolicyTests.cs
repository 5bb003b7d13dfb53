using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Stac.Tests.Security;

public class HrefPolicyTests
{
    [Theory]
    [InlineData("https://sentinel-cogs.s3.us-west-2.amazonaws.com/sentinel-s2-l2a-cogs/13/T/DE/2023/10/S2A_13TDE_20231008_0_L2A/B04.tif")]
    [InlineData("http://127.0.0.1:8080/cogs/B04.tif")]
    [InlineData("HTTPS://Host.Test/a.tif?x=1")]
    public void Accepts_absolute_http_urls(string href)
    {
        var uri = HrefPolicy.Validate(href);
        Assert.True(uri.IsAbsoluteUri);
        Assert.Equal("/vsicurl/" + uri.AbsoluteUri, HrefPolicy.ToVsiCurlPath(uri));
    }

    [Theory]
    [InlineData("file:///etc/passwd", "local file (scheme 'file')", "file")]
    [InlineData("FILE://server/share/x.tif", "local file (scheme 'file')", "file")]
    [InlineData("/vsicurl/https://evil.test/x.tif", "GDAL virtual file system path", null)]
    [InlineData("/VSIS3/bucket/key", "GDAL virtual file system path", null)]
    [InlineData("/etc/passwd", "not an absolute URL", null)]
    [InlineData("B04.tif", "not an absolute URL", null)]
    [InlineData("../../secret.tif", "not an absolute URL", null)]
    [InlineData("C:\\data\\x.tif", "not an absolute URL", null)]
    [InlineData("s3://sentinel-s2-l2a/tiles/B04.jp2", "scheme 's3' is not allowed (allowed: http, https)", "s3")]
    [InlineData("ftp://files.test/x.tif", "scheme 'ftp' is not allowed", "ftp")]
    [InlineData("https://h.test/a\n.tif", "control character", null)]
    [InlineData("https://h.test/a\r\nX-Injected: 1", "control character", null)]
    [InlineData("https://h.test/a\0.tif", "control character", null)]
    [InlineData("", "empty", null)]
    [InlineData("https:///nohost.tif", "with a host", "https")]
    public void Refuses_unsafe_hrefs(string href, string reason, string? scheme)
    {
        var e = Assert.Throws<UnsafeHrefException>(() => HrefPolicy.Validate(href));

        Assert.Contains(reason, e.Message);
        Assert.Equal(scheme, e.Scheme);
        Assert.Equal(FailureKind.Permanent, e.Kind);
        Assert.Equal("unsafe_href", e.Reason);
        Assert.DoesNotContain("\n", e.Message);
        Assert.DoesNotContain("\0", e.Message);
    }

    [Fact]
    public void Profile_may_allow_s3_but_never_file()
    {
        var uri = HrefPolicy.Validate("s3://sentinel-s1-l1c/GRD/2025/7/31/IW/SH/measurement/iw-hh.tiff", ["s3"]);

        Assert.Equal("/vsis3/sentinel-s1-l1c/GRD/2025/7/31/IW/SH/measurement/iw-hh.tiff", HrefPolicy.ToGdalPath(uri));
        Assert.Throws<UnsafeHrefException>(() => HrefPolicy.ToVsiCurlPath(uri));
        Assert.Throws<UnsafeHrefException>(() => HrefPolicy.Validate("file:///etc/passwd", ["file"]));
    }

    [Fact]
    public void Message_names_item_and_asset_and_hides_query()
    {
        var item = new StacItem { Id = "S2A_13TDE_20231008_0_L2A", Datetime = DateTimeOffset.UnixEpoch };
        var asset = new StacAsset { Key = "red-jp2", Href = "s3://sentinel-s2-l2a/tiles/B04.jp2?sig=SECRET" };

        var e = Assert.Throws<UnsafeHrefException>(() => HrefPolicy.Validate(item, asset));

        Assert.Equal("item 'S2A_13TDE_20231008_0_L2A' asset 'red-jp2': asset href scheme 's3' is not allowed (allowed: http, https): 's3://sentinel-s2-l2a/tiles/B04.jp2?<redacted>'", e.Message);
        Assert.Equal("s3", e.Scheme);
    }

    [Fact]
    public void Vsicurl_path_never_uses_the_options_form()
    {
        var uri = HrefPolicy.Validate("https://h.test/a.tif?url=x&max_retry=0");
        var path = HrefPolicy.ToVsiCurlPath(uri);

        Assert.StartsWith("/vsicurl/https://", path);
        Assert.False(path.StartsWith("/vsicurl?", StringComparison.Ordinal));
    }
}
