using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Stac.Signing;

/// <summary>
/// Signs only hrefs on the signing hosts of a source (<see cref="SigningHosts"/>), so a credential never goes to a
/// host a catalog names at will. An href on another host is returned unsigned, or with <c>strict</c> refused with
/// <see cref="UnsignedHostException"/> before anything is sent.
/// </summary>
public sealed class HostScopedSigner : IHrefSigner
{
    private readonly IHrefSigner _inner;
    private readonly SigningHosts _hosts;
    private readonly bool _strict;
    private readonly Action<string>? _log;

    /// <param name="inner">The signer used for hrefs on <paramref name="hosts"/>.</param>
    /// <param name="hosts">Where signing applies.</param>
    /// <param name="strict">Refuse hrefs on other hosts instead of reading them unsigned (<c>--strict-hosts</c>).</param>
    /// <param name="log">Receives one line per href left unsigned (host only, no query); may be null.</param>
    public HostScopedSigner(IHrefSigner inner, SigningHosts hosts, bool strict, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(hosts);
        _inner = inner;
        _hosts = hosts;
        _strict = strict;
        _log = log;
    }

    /// <summary>Where signing applies.</summary>
    public SigningHosts Hosts => _hosts;

    /// <inheritdoc />
    /// <exception cref="UnsignedHostException">The href is on another host and the signer is strict.</exception>
    public ValueTask<string> SignAsync(string href, string collection, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(href);
        if (Uri.TryCreate(href, UriKind.Absolute, out var url) && _hosts.Matches(url))
        {
            return _inner.SignAsync(href, collection, cancellationToken);
        }

        var host = url?.Authority ?? "(no host)";
        if (_strict)
        {
            throw new UnsignedHostException($"asset host {host} is not a signing host of collection '{collection}' ({_hosts}) and --strict-hosts is set: '{SecretRedactor.RedactUrl(href)}' not read");
        }

        _log?.Invoke($"asset host {host} is not a signing host of collection '{collection}' ({_hosts}): read unsigned");
        return ValueTask.FromResult(href);
    }

    /// <inheritdoc />
    public void Invalidate(string collection) => _inner.Invalidate(collection);

    /// <inheritdoc />
    public void Invalidate(string collection, string rejectedHref) => _inner.Invalidate(collection, rejectedHref);
}
