using System.Globalization;

namespace Axion.TileBuilder.Stac.Signing;

/// <summary>
/// The hosts a signing credential may be sent to. A pattern is <c>*.example.net</c> (every subdomain, any port),
/// <c>example.net</c> (that host, any port) or <c>example.net:8080</c> / <c>127.0.0.1:8080</c> (that host and port).
/// Host names compare case-insensitively; no scheme, path or wildcard elsewhere.
/// </summary>
public sealed class SigningHosts
{
    private readonly IReadOnlyList<(string Host, bool Subdomains, int? Port)> _patterns;

    private SigningHosts(IReadOnlyList<string> patterns, IReadOnlyList<(string, bool, int?)> parsed)
    {
        Patterns = patterns;
        _patterns = parsed;
    }

    /// <summary>The patterns as given.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Parses host patterns.</summary>
    /// <exception cref="ArgumentException">A pattern is empty or not of the forms above; the message quotes it.</exception>
    public static SigningHosts Parse(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var given = new List<string>();
        var parsed = new List<(string, bool, int?)>();
        foreach (var pattern in patterns)
        {
            parsed.Add(ParseOne(pattern));
            given.Add(pattern);
        }

        return new SigningHosts(given, parsed);
    }

    /// <summary>Whether <paramref name="url"/>'s host (and port) is one of the patterns.</summary>
    public bool Matches(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return false;
        }

        var host = url.IdnHost.Trim('[', ']').TrimEnd('.');
        foreach (var (pattern, subdomains, port) in _patterns)
        {
            if (port is { } p && p != url.Port)
            {
                continue;
            }

            if (subdomains
                ? host.Length > pattern.Length + 1 && host.EndsWith("." + pattern, StringComparison.OrdinalIgnoreCase)
                : host.Equals(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Patterns.Count == 0 ? "(none)" : string.Join(", ", Patterns);

    private static (string Host, bool Subdomains, int? Port) ParseOne(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new ArgumentException("a signing host pattern is empty");
        }

        var text = pattern.Trim();
        if (text.Contains('/', StringComparison.Ordinal) || text.Contains('@', StringComparison.Ordinal))
        {
            throw NotAHost(pattern);
        }

        var subdomains = text.StartsWith("*.", StringComparison.Ordinal);
        var rest = subdomains ? text[2..] : text;
        string? portText = null;
        if (rest.StartsWith('['))
        {
            // [IPv6] or [IPv6]:port
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            var tail = close < 0 ? ":" : rest[(close + 1)..];
            if (tail.Length > 0 && (!tail.StartsWith(':') || tail.Length == 1))
            {
                throw new ArgumentException($"signing host '{pattern}' is not [IPv6] or [IPv6]:port");
            }

            portText = tail.Length > 0 ? tail[1..] : null;
            rest = rest[..(close + 1)];
        }
        else if (rest.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            portText = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        int? port = null;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                throw new ArgumentException($"signing host '{pattern}' has an invalid port (expected 1..65535)");
            }

            port = p;
        }

        rest = rest.Trim('[', ']');
        if (rest.Length == 0 || rest.Contains('*', StringComparison.Ordinal) || Uri.CheckHostName(rest) == UriHostNameType.Unknown)
        {
            throw NotAHost(pattern);
        }

        return (rest.TrimEnd('.'), subdomains, port);
    }

    private static ArgumentException NotAHost(string pattern) =>
        new($"signing host '{pattern}' is not a host name, '*.' followed by a domain, or either with ':port' (no scheme or path)");
}
