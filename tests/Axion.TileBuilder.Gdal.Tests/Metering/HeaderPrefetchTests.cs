using Axion.TileBuilder.Gdal.Metering;

namespace Axion.TileBuilder.Gdal.Tests.Metering;

/// <summary>
/// When the header of an open is fetched alongside GDAL's HEAD request: only for plain <c>/vsicurl/</c> HTTP(S) paths, and
/// not when it is switched off or GDAL is given HTTP settings the prefetch would not send (the request itself is tested
/// against a loopback server in the Pipeline tests). Options are set for the test's thread only.
/// </summary>
public sealed class HeaderPrefetchTests
{
    // Port 9 (discard) on loopback: nothing listens, so a started prefetch ends at once with nothing.
    private const string Url = "/vsicurl/http://127.0.0.1:9/B04.tif?sig=abc";

    [Theory]
    [InlineData("/vsicurl?url=http://127.0.0.1:9/B04.tif")]
    [InlineData("/vsicurl/ftp://127.0.0.1:9/B04.tif")]
    [InlineData("/vsis3/bucket/B04.tif")]
    [InlineData("/tmp/B04.tif")]
    public void Paths_that_are_not_plain_http_through_vsicurl_are_left_to_gdal(string path)
    {
        GdalRuntime.Initialize();

        Assert.Null(HeaderPrefetch.Start(path));
    }

    [Fact]
    public async Task A_plain_http_path_is_fetched_and_an_unreachable_server_gives_nothing()
    {
        GdalRuntime.Initialize();

        var fetch = HeaderPrefetch.Start(Url);

        Assert.NotNull(fetch);
        Assert.Null(await fetch);
    }

    [Theory]
    [InlineData(HeaderPrefetch.SwitchOption, "NO")]
    [InlineData("GDAL_HTTP_HEADERS", "Authorization: Bearer x")]
    [InlineData("GDAL_HTTP_PROXY", "127.0.0.1:3128")]
    [InlineData("GDAL_HTTP_USERPWD", "user:secret")]
    [InlineData("GDAL_INGESTED_BYTES_AT_OPEN", "0")]
    public void Switched_off_or_with_http_settings_it_would_not_send_it_leaves_the_header_to_gdal(string option, string value)
    {
        GdalRuntime.Initialize();
        GdalRuntime.SetThreadLocalConfigOption(option, value);
        try
        {
            Assert.Null(HeaderPrefetch.Start(Url));
            Assert.StartsWith(option, HeaderPrefetch.OffReason(), StringComparison.Ordinal);
        }
        finally
        {
            GdalRuntime.SetThreadLocalConfigOption(option, null);
        }

        Assert.NotNull(HeaderPrefetch.Start(Url));
        Assert.Null(HeaderPrefetch.OffReason());
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("0", 60)]
    [InlineData("soon", 60)]
    public void The_range_request_gets_gdals_http_timeout(string configured, int seconds)
    {
        GdalRuntime.Initialize();
        Assert.Equal(TimeSpan.FromSeconds(60), HeaderPrefetch.RequestTimeout()); // GdalCloudConfig's GDAL_HTTP_TIMEOUT
        GdalRuntime.SetThreadLocalConfigOption("GDAL_HTTP_TIMEOUT", configured);
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), HeaderPrefetch.RequestTimeout());
        }
        finally
        {
            GdalRuntime.SetThreadLocalConfigOption("GDAL_HTTP_TIMEOUT", null);
        }
    }
}
