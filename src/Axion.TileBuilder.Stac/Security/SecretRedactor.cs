using System.Text;
using System.Text.RegularExpressions;

namespace Axion.TileBuilder.Stac.Security;

/// <summary>
/// Removes credentials from text before it reaches a log, an exception message, the journal or a
/// tile: SAS query parameters (<c>sig</c>, <c>se</c>, <c>st</c>, ...), AWS presigned parameters
/// (<c>X-Amz-*</c>, <c>Signature</c>, ...), Azure Storage connection-string secrets (<c>AccountKey</c>,
/// <c>SharedAccessSignature</c>), generic <c>token</c>/<c>code</c>/<c>key</c> parameters,
/// the same names as JSON string members, the <c>Ocp-Apim-Subscription-Key</c> header and URL user
/// info (<c>https://user:pass@host</c>). Values become <c>REDACTED</c>. Idempotent and allocation
/// free when nothing matches.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What replaces a secret value.</summary>
    public const string Placeholder = "REDACTED";

    /// <summary>What replaces a whole query string in <see cref="RedactUrl(string)"/>.</summary>
    public const string RedactedQuery = "?<redacted>";

    private const string SecretNames =
        "sig|se|st|sp|sv|sr|skoid|sktid|skt|ske|sks|skv|token|code|key|subscription-key|" +
        "x-amz-[a-z0-9-]+|awsaccesskeyid|signature|accountkey|sharedaccesssignature";

    private const string JsonSecretNames =
        "token|sig|signature|key|subscription-key|ocp-apim-subscription-key|password|secret|awsaccesskeyid|x-amz-[a-z0-9-]+";

    /// <summary>Redacts every secret found anywhere in <paramref name="text"/> (URLs inside longer messages included).</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (text.AsSpan().IndexOfAny('=', '@', ':') < 0)
        {
            return text;
        }

        var result = QueryParameter().Replace(text, "${name}=" + Placeholder);
        result = JsonMember().Replace(result, "${head}" + Placeholder + "\"");
        result = Header().Replace(result, "${name}${sep}" + Placeholder);
        result = UserInfo().Replace(result, "${scheme}" + Placeholder + "@");
        return result;
    }

    /// <summary>
    /// A URL fit for a log line: user info removed and the whole query string replaced by
    /// <c>?&lt;redacted&gt;</c> (the fragment is dropped too). Text that is not a URL is passed
    /// through <see cref="Redact(string?)"/>.
    /// </summary>
    public static string RedactUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url ?? string.Empty;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return RedactUrl(uri);
        }

        var query = url.IndexOf('?', StringComparison.Ordinal);
        var cut = query >= 0 ? url[..query] + RedactedQuery : url;
        return Redact(cut);
    }

    /// <inheritdoc cref="RedactUrl(string?)"/>
    public static string RedactUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return RedactUrl(url.OriginalString);
        }

        var builder = new StringBuilder(url.Scheme.Length + url.Authority.Length + url.AbsolutePath.Length + 16);
        builder.Append(url.Scheme).Append("://").Append(url.Authority).Append(url.AbsolutePath);
        if (url.Query.Length > 1)
        {
            builder.Append(RedactedQuery);
        }

        return builder.ToString();
    }

    // A secret-named parameter: at the start, after ? & ; whitespace or a quote/bracket. The value
    // ends at a separator, or at a colon that ends a clause (GDAL: "...&sig=abc: 403").
    [GeneratedRegex(@"(?<=^|[?&;\s""'(,\[])(?<name>" + SecretNames + @")=(?<value>(?:[^&#\s""'<>,;)\]:]|:(?!\s|$))*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryParameter();

    // "token": "value" and friends inside JSON text ("code" is left alone: error bodies use it for error codes).
    [GeneratedRegex(@"(?<head>""(?:" + JsonSecretNames + @")""\s*:\s*"")(?<value>[^""]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonMember();

    // Header-style credentials: "Ocp-Apim-Subscription-Key: abc", "Authorization: Bearer abc".
    [GeneratedRegex(@"(?<name>ocp-apim-subscription-key|authorization)(?<sep>\s*:\s*)(?>(?:Bearer\s+|Basic\s+|SharedAccessSignature\s+)?)(?!REDACTED)[^\s,;""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    // scheme://userinfo@ -> scheme://REDACTED@
    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.\-]*://)(?<info>[^/@\s?#""'<>]+)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
