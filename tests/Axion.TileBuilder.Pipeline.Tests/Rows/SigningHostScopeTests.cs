using System.Text;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Stac.Security;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Tests.Rows;

/// <summary>
/// The readers of a <see cref="RowEnvironmentScope"/> sign only hrefs on the profile's signing hosts (here: the
/// token endpoint's own address, as for the local catalog). An href on another loopback port gets no SAS (that
/// server's request log shows none), or with <c>--strict-hosts</c> is refused before anything is sent.
/// </summary>
public sealed class SigningHostScopeTests : IDisposable
{
    private const string Collection = "sentinel-2-l2a";
    private const string Token = "st=2025-01-01&se=2099-01-01&sp=rl&sv=2021-06-08&sr=c&sig=SIGNED-BY-TEST";
    private readonly TempDirectory _dir = new();
    private readonly LoopbackFileServer _issuer = new();
    private readonly LoopbackFileServer _other = new();
    private readonly byte[] _tif;

    public SigningHostScopeTests()
    {
        var path = TestRasters.Write(_dir.File("B04.tif"), 64, 64, new GeoTransform(600000, 10, 0, 5700000, 0, -10), creationOptions: ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"]);
        _tif = File.ReadAllBytes(path);
        _issuer.Add("api/sas/v1/token/" + Collection, Encoding.UTF8.GetBytes($$"""{"msft:expiry":"2099-01-01T00:00:00Z","token":"{{Token}}"}"""));
    }

    public void Dispose()
    {
        _issuer.Dispose();
        _other.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Href_on_another_host_is_read_without_the_token()
    {
        var href = _other.Add($"B04-{Guid.NewGuid():N}.tif", _tif);
        using var scope = Scope(strictHosts: false);

        var result = await scope.Environment.Sentinel2Reader.ReadAsync(Asset(href), ReadCorner, CancellationToken.None);

        Assert.Equal(TestRasters.Value(0, 0), result.Value);
        Assert.NotEmpty(_other.Requests);
        Assert.All(_other.Requests, r => Assert.DoesNotContain("sig=", r.PathAndQuery, StringComparison.Ordinal));
        Assert.All(_other.Requests, r => Assert.DoesNotContain("?", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Empty(_issuer.Requests); // no token was even fetched
    }

    [Fact]
    public async Task Href_on_the_token_endpoints_own_address_is_signed()
    {
        // The control: the same read on the signing host carries the SAS, so the test above can see one.
        var href = _issuer.Add($"B04-{Guid.NewGuid():N}.tif", _tif);
        using var scope = Scope(strictHosts: false);

        var result = await scope.Environment.Sentinel2Reader.ReadAsync(Asset(href), ReadCorner, CancellationToken.None);

        Assert.Equal(TestRasters.Value(0, 0), result.Value);
        var reads = _issuer.Requests.Where(r => r.PathAndQuery.StartsWith(href.AbsolutePath, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Contains("sig=SIGNED-BY-TEST", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Strict_hosts_refuses_another_host_before_sending_anything()
    {
        var href = _other.Add($"B04-{Guid.NewGuid():N}.tif", _tif);
        using var scope = Scope(strictHosts: true);

        var e = await Assert.ThrowsAsync<UnsignedHostException>(() => scope.Environment.Sentinel2Reader.ReadAsync(Asset(href), ReadCorner, CancellationToken.None));

        Assert.Equal(FailureKind.Permanent, e.Kind);
        Assert.Equal("unsigned_host_refused", e.Reason);
        Assert.Contains($"asset host {href.Authority} is not a signing host of collection '{Collection}'", e.Message, StringComparison.Ordinal);
        Assert.Empty(_other.Requests);
        Assert.Empty(_issuer.Requests);
    }

    private RowEnvironmentScope Scope(bool strictHosts)
    {
        var tokenUrl = new Uri(_issuer.BaseUri, "api/sas/v1/token").AbsoluteUri;
        var profile = ProfileLoader.WithOverrides(BuiltInProfiles.PlanetaryComputer, "http://127.0.0.1:9/api/stac/v1", tokenUrl);
        var settings = new RunSettings { CsvPath = "unused.csv", Profile = profile, StrictHosts = strictHosts };
        return new RowEnvironmentScope(settings, string.Empty, null, null, Logger.None);
    }

    private static AssetRef Asset(Uri href) => new("S2A_MSIL2A_20240601T103031_R108_T31UFQ", "B04", href, Collection);

    private static ushort ReadCorner(GdalDataset dataset)
    {
        var buffer = new ushort[1];
        dataset.GetBand(1).Read<ushort>(0, 0, 1, 1, buffer);
        return buffer[0];
    }
}
