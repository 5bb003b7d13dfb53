using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Axion.TileBuilder.Gdal.Metering;

/// <summary>
/// The first bytes of a file opened over HTTP(S), fetched with one range request while <c>/vsicurl/</c> makes the HEAD
/// request of its open, so an open costs one round trip instead of two (HEAD, then the header's GET). GDAL 3.6's
/// <c>/vsicurl/</c> always sends the HEAD first (only <c>/vsis3/</c> and <c>/vsiaz/</c> replace it by a range GET), and
/// its header GET follows on the first read; <see cref="MeteredFileSystem"/> serves the reads inside the prefetched bytes
/// instead, and forwards the others (the blocks) to <c>/vsicurl/</c>.
/// <para>
/// Only an optimisation: any failure (an error status, a server ignoring the range, a cut response, a timeout) gives
/// null and the reads go to <c>/vsicurl/</c> as before, with its retries. It is off for <c>/vsicurl?</c> paths and when
/// GDAL is given HTTP settings this client would not honour (a proxy, extra headers, authentication, cookies, a client
/// certificate), and when <c>AXION_HEADER_PREFETCH=NO</c> (environment or GDAL configuration option).
/// </para>
/// <para>
/// A file is often opened twice in a row (its header probed while the scene is chosen, its window read after), so the
/// bytes of the last <see cref="CachedFiles"/> files are kept, keyed by path without the query string (a re-signed URL
/// is the same file), as <c>/vsicurl/</c> keeps its own downloaded ranges; <see cref="Forget"/> drops them with GDAL's.
/// </para>
/// </summary>
public static class HeaderPrefetch
{
    /// <summary>
    /// Files whose prefetched bytes are kept (64 KB each by default): 64, 4 MB. A row opens about 7 files, most of them
    /// twice within a second, so 8 rows at a time need about 56.
    /// </summary>
    public const int CachedFiles = 64;

    /// <summary>The option that turns the prefetch off (<c>NO</c>).</summary>
    public const string SwitchOption = "AXION_HEADER_PREFETCH";

    private const string CurlPrefix = "/vsicurl/";
    private const int ChunkBytes = 16384;

    /// <summary>
    /// GDAL HTTP settings that change what the server is sent or how it is reached, which the prefetch's own client would
    /// not apply: with any of them set, GDAL reads the header itself. (A CA bundle is not among them: .NET takes the
    /// system's, <c>SSL_CERT_FILE</c> or <c>SSL_CERT_DIR</c>; a certificate it refuses only costs the prefetch.)
    /// </summary>
    private static readonly string[] UnsupportedGdalHttpOptions =
    [
        "GDAL_HTTP_PROXY", "GDAL_HTTPS_PROXY", "GDAL_HTTP_PROXYUSERPWD", "GDAL_HTTP_HEADERS", "GDAL_HTTP_HEADER_FILE",
        "GDAL_HTTP_AUTH", "GDAL_HTTP_USERPWD", "GDAL_HTTP_BEARER", "GDAL_HTTP_COOKIE", "GDAL_HTTP_COOKIEFILE",
        "GDAL_HTTP_SSLCERT", "GDAL_HTTP_NETRC_FILE",
    ];

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    })
    {
        // Each request has its own deadline, GDAL's (RequestTimeout).
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,

        // The largest header GDAL reads at open (GDAL_INGESTED_BYTES_AT_OPEN is capped at 10 MB): a server that answers
        // with more is not read further.
        MaxResponseContentBufferSize = 10 * 1024 * 1024,
    };

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> CacheOrder = new();

    /// <summary>
    /// Starts fetching the first bytes of <paramref name="innerPath"/> (<c>/vsicurl/http(s)://...</c>), or returns them
    /// from the cache; null when the prefetch does not apply to the path or is turned off.
    /// </summary>
    internal static Task<byte[]?>? Start(string innerPath)
    {
        int length;
        if (!innerPath.StartsWith(CurlPrefix, StringComparison.Ordinal) || (length = ConfiguredLength()) <= 0
            || !Uri.TryCreate(innerPath[CurlPrefix.Length..], UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var key = KeyOf(innerPath);
        return Cache.TryGetValue(key, out var cached) ? Task.FromResult<byte[]?>(cached) : FetchAsync(url, key, length, RequestTimeout());
    }

    /// <summary>
    /// How long the range request may take in all, connection included: GDAL's <c>GDAL_HTTP_TIMEOUT</c> (whole seconds, as
    /// GDAL reads it), 60 s when it is not a positive number. (Connecting alone is bounded at 15 s, GDAL's
    /// <c>GDAL_HTTP_CONNECTTIMEOUT</c> of <see cref="GdalCloudConfig"/>; a different value set by the user is not applied.)
    /// </summary>
    internal static TimeSpan RequestTimeout() =>
        TimeSpan.FromSeconds(int.TryParse(GdalRuntime.GetConfigOption("GDAL_HTTP_TIMEOUT"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 60);

    /// <summary>Drops the kept bytes of every file whose <c>/vsicurl/</c> path starts with <paramref name="prefix"/> (all when null or empty).</summary>
    internal static void Forget(string? prefix)
    {
        foreach (var key in Cache.Keys)
        {
            if (string.IsNullOrEmpty(prefix) || key.StartsWith(prefix, StringComparison.Ordinal))
            {
                Cache.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The path without its query string (the signature).</summary>
    private static string KeyOf(string innerPath)
    {
        var query = innerPath.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? innerPath : innerPath[..query];
    }

    private static async Task<byte[]?> FetchAsync(Uri url, string key, int length, TimeSpan timeout)
    {
        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(0, length - 1);
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var range = response.Content.Headers.ContentRange;

            // Only a partial answer from the start of the file: a server that ignores the range would send the whole file.
            if (response.StatusCode != HttpStatusCode.PartialContent || range is not { From: 0, To: { } to } || to >= length)
            {
                return null;
            }

            var expected = (int)to + 1;
            if (response.Content.Headers.ContentLength is { } announced && announced != expected)
            {
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            if (bytes.Length != expected)
            {
                return null;
            }

            Keep(key, bytes);
            return bytes;
        }
#pragma warning disable CA1031 // Any failure leaves the header to /vsicurl/.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static void Keep(string key, byte[] bytes)
    {
        if (Cache.TryAdd(key, bytes))
        {
            CacheOrder.Enqueue(key);
        }

        while (Cache.Count > CachedFiles && CacheOrder.TryDequeue(out var oldest))
        {
            Cache.TryRemove(oldest, out _);
        }
    }

    /// <summary>
    /// Why the prefetch is off with the configuration the calling thread sees (GDAL options, which fall back to environment
    /// variables of the same name), or null when it is on. <c>axion-tiles doctor</c> prints it.
    /// </summary>
    public static string? OffReason()
    {
        if (string.Equals(GdalRuntime.GetConfigOption(SwitchOption), "NO", StringComparison.OrdinalIgnoreCase))
        {
            return $"{SwitchOption}=NO";
        }

        if (UnsupportedGdalHttpOptions.FirstOrDefault(o => !string.IsNullOrEmpty(GdalRuntime.GetConfigOption(o))) is { } option)
        {
            return $"{option} is set, which the prefetch would not send";
        }

        return IngestedBytes() is null ? "GDAL_INGESTED_BYTES_AT_OPEN is not a positive number of bytes" : null;
    }

    /// <summary>GDAL's <c>GDAL_INGESTED_BYTES_AT_OPEN</c>; null when it is not a positive number.</summary>
    private static int? IngestedBytes() =>
        int.TryParse(GdalRuntime.GetConfigOption("GDAL_INGESTED_BYTES_AT_OPEN"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : null;

    /// <summary>GDAL's <c>GDAL_INGESTED_BYTES_AT_OPEN</c> rounded up to 16 KB as GDAL does; 0 when the prefetch is off (<see cref="OffReason"/>).</summary>
    private static int ConfiguredLength()
    {
        if (OffReason() is not null || IngestedBytes() is not { } ingested)
        {
            return 0;
        }

        var bytes = Math.Clamp(ingested, 1024, 10 * 1024 * 1024);
        return (bytes + ChunkBytes - 1) / ChunkBytes * ChunkBytes;
    }
}
