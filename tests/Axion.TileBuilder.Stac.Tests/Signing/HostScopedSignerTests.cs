using Axion.TileBuilder.Stac.Security;
using Axion.TileBuilder.Stac.Signing;

namespace Axion.TileBuilder.Stac.Tests.Signing;

public sealed class HostScopedSignerTests
{
    private static readonly SigningHosts Blob = SigningHosts.Parse(["*.blob.core.windows.net"]);

    [Fact]
    public async Task Signs_hrefs_on_signing_hosts_only()
    {
        var inner = new AppendingSigner();
        var log = new List<string>();
        var signer = new HostScopedSigner(inner, Blob, strict: false, log.Add);

        Assert.Equal("https://a.blob.core.windows.net/x.tif?sig=S", await signer.SignAsync("https://a.blob.core.windows.net/x.tif", "c", CancellationToken.None));
        Assert.Equal("https://attacker.test/x.tif?keep=1", await signer.SignAsync("https://attacker.test/x.tif?keep=1", "c", CancellationToken.None));

        Assert.Equal(1, inner.Calls);
        Assert.Equal(["asset host attacker.test is not a signing host of collection 'c' (*.blob.core.windows.net): read unsigned"], log);
    }

    [Fact]
    public async Task Strict_refuses_other_hosts_without_signing()
    {
        var inner = new AppendingSigner();
        var signer = new HostScopedSigner(inner, Blob, strict: true);

        var e = await Assert.ThrowsAsync<UnsignedHostException>(() => signer.SignAsync("https://attacker.test:8443/x.tif?sig=OLD", "c", CancellationToken.None).AsTask());

        Assert.Equal("unsigned_host_refused", e.Reason);
        Assert.Equal(Errors.FailureKind.Permanent, e.Kind);
        Assert.DoesNotContain("OLD", e.Message, StringComparison.Ordinal);
        Assert.Contains("attacker.test:8443", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, inner.Calls);
    }

    private sealed class AppendingSigner : IHrefSigner
    {
        public int Calls { get; private set; }

        public ValueTask<string> SignAsync(string href, string collection, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(href + "?sig=S");
        }

        public void Invalidate(string collection)
        {
        }
    }
}
