using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Stac.Security;

/// <summary>
/// Decides which asset hrefs from a catalog may be opened. Catalog data is untrusted: an href must
/// be an absolute <c>http</c>/<c>https</c> URL (plus schemes a profile allows explicitly, such as
/// <c>s3</c>); local files, GDAL virtual paths (<c>/vsi...</c>), relative paths and hrefs with control
/// characters are refused with <see cref="UnsafeHrefException"/>.
/// </summary>
/// <remarks>
/// GDAL paths are produced only by <see cref="ToVsiCurlPath(Uri)"/> and <see cref="ToGdalPath(Uri)"/>:
/// always the plain <c>/vsicurl/&lt;url&gt;</c> (or <c>/vsis3/bucket/key</c>) form. The option-carrying
/// form <c>/vsicurl?url=...&amp;...</c> is never built from catalog data, so an href cannot inject GDAL
/// options.
/// </remarks>
public static class HrefPolicy
{
    /// <summary>
    /// Checks <paramref name="href"/> and returns it as an absolute <see cref="Uri"/>.
    /// </summary>
    /// <param name="href">The asset href as found in the catalog.</param>
    /// <param name="extraAllowedSchemes">Schemes besides http/https that a profile allows (e.g. <c>s3</c>). <c>file</c> is never allowed.</param>
    /// <exception cref="UnsafeHrefException">The href is refused; the message says why and quotes the redacted href.</exception>
    public static Uri Validate(string? href, IReadOnlyCollection<string>? extraAllowedSchemes = null)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            throw Unsafe("asset href is empty", href, null);
        }

        foreach (var c in href)
        {
            if (c < ' ' || c == '\u007f')
            {
                throw Unsafe("asset href contains a control character (NUL, CR, LF, ...)", href, null);
            }
        }

        if (href.StartsWith("/vsi", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsafe("asset href is a GDAL virtual file system path", href, null);
        }

        var scheme = SchemeOf(href);
        if (scheme is null)
        {
            throw Unsafe("asset href is not an absolute URL (relative or local path)", href, null);
        }

        if (scheme.Equals("file", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsafe("asset href points to a local file (scheme 'file')", href, scheme);
        }

        var isHttp = scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        if (!isHttp && !IsExtraAllowed(scheme, extraAllowedSchemes))
        {
            throw Unsafe($"asset href scheme '{scheme}' is not allowed (allowed: http, https{Extra(extraAllowedSchemes)})", href, scheme);
        }

        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw Unsafe($"asset href is not a valid absolute '{scheme}' URL with a host", href, scheme);
        }

        if (uri.IsFile || uri.IsUnc)
        {
            throw Unsafe("asset href points to a local or UNC file", href, scheme);
        }

        return uri;
    }

    /// <summary>
    /// <see cref="Validate(string?, IReadOnlyCollection{string}?)"/> with the item id and asset key in the message.
    /// </summary>
    public static Uri Validate(StacItem item, StacAsset asset, IReadOnlyCollection<string>? extraAllowedSchemes = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(asset);
        try
        {
            return Validate(asset.Href, extraAllowedSchemes);
        }
        catch (UnsafeHrefException e)
        {
            throw new UnsafeHrefException($"item '{item.Id}' asset '{asset.Key}': {e.Message}", e) { Scheme = e.Scheme };
        }
    }

    /// <summary>
    /// The GDAL path for an http/https URL: <c>/vsicurl/</c> followed by the absolute URL. Never the
    /// <c>/vsicurl?</c> options form.
    /// </summary>
    /// <exception cref="UnsafeHrefException">The URL is not absolute http/https.</exception>
    public static string ToVsiCurlPath(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw Unsafe("only absolute http/https URLs can be read through /vsicurl/", url.OriginalString, url.IsAbsoluteUri ? url.Scheme : null);
        }

        return "/vsicurl/" + url.AbsoluteUri;
    }

    /// <summary>
    /// The GDAL path for a validated URL: <c>/vsicurl/&lt;url&gt;</c> for http/https,
    /// <c>/vsis3/&lt;bucket&gt;/&lt;key&gt;</c> for <c>s3://bucket/key</c> (only reachable when a profile allowed <c>s3</c>).
    /// </summary>
    public static string ToGdalPath(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsAbsoluteUri && url.Scheme.Equals("s3", StringComparison.OrdinalIgnoreCase))
        {
            if (url.Query.Length > 0 || string.IsNullOrEmpty(url.Host))
            {
                throw Unsafe("s3 href must be s3://bucket/key without a query", url.OriginalString, "s3");
            }

            return "/vsis3/" + url.Host + url.AbsolutePath;
        }

        return ToVsiCurlPath(url);
    }

    private static string? SchemeOf(string href)
    {
        var colon = href.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2)
        {
            // "C:\..." (one letter) is a drive, not a scheme; no colon means relative.
            return null;
        }

        if (!char.IsAsciiLetter(href[0]))
        {
            return null;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = href[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return null;
            }
        }

        return href[..colon].ToLowerInvariant();
    }

    private static bool IsExtraAllowed(string scheme, IReadOnlyCollection<string>? extra)
    {
        if (extra is null)
        {
            return false;
        }

        foreach (var allowed in extra)
        {
            if (string.Equals(allowed?.TrimEnd(':', '/'), scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Extra(IReadOnlyCollection<string>? extra) =>
        extra is null || extra.Count == 0 ? string.Empty : ", " + string.Join(", ", extra);

    private static UnsafeHrefException Unsafe(string reason, string? href, string? scheme)
    {
        var shown = href is null ? "(null)" : SecretRedactor.RedactUrl(Sanitize(href));
        return new UnsafeHrefException($"{reason}: '{shown}'") { Scheme = scheme };
    }

    private static string Sanitize(string text)
    {
        var shown = text.Length > 300 ? text[..300] + "..." : text;
        return string.Create(shown.Length, shown, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = s[i] < ' ' || s[i] == '\u007f' ? '?' : s[i];
            }
        });
    }
}
