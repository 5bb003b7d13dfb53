using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Security;
using Polly.CircuitBreaker;

namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// Sends one JSON request through the host's resilience pipeline and returns the parsed document,
/// turning every failure into <see cref="StacHttpException"/> or <see cref="StacFormatException"/>
/// with redacted, one-line messages.
/// </summary>
internal sealed partial class JsonHttpTransport
{
    private const int ExcerptLength = 200;
    private readonly HttpClient _http;
    private readonly HostPipelines _pipelines;
    private readonly TimeSpan _requestTimeout;
    private readonly string? _userAgent;
    private readonly string _source;

    /// <param name="http">The client (its own Timeout still applies).</param>
    /// <param name="pipelines">Resilience pipeline per host.</param>
    /// <param name="requestTimeout">Timeout of one attempt (send + read body).</param>
    /// <param name="userAgent">User-Agent header value, or null.</param>
    /// <param name="source">What is talked to, for messages: <c>catalog</c>, <c>token endpoint</c>.</param>
    public JsonHttpTransport(HttpClient http, HostPipelines pipelines, TimeSpan requestTimeout, string? userAgent, string source)
    {
        _http = http;
        _pipelines = pipelines;
        _requestTimeout = requestTimeout;
        _userAgent = userAgent;
        _source = source;
    }

    public async Task<JsonDocument> SendAsync(
        HttpMethod method,
        Uri url,
        JsonNode? body,
        IReadOnlyDictionary<string, string>? headers,
        string accept,
        CancellationToken cancellationToken)
    {
        var where = method.Method + " " + SecretRedactor.RedactUrl(url);
        var bodyText = body?.ToJsonString(Internals.Json.Wire);
        HttpResponseMessage response;
        try
        {
            response = await _pipelines.For(url).ExecuteAsync(
                async token =>
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attempt.CancelAfter(_requestTimeout);
                    using var request = BuildRequest(method, url, bodyText, headers, accept);
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token);
                },
                cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            var retry = e.RetryAfter is { } after ? string.Create(CultureInfo.InvariantCulture, $"; retry in {after.TotalSeconds:0} s") : string.Empty;
            throw new StacHttpException(FailureKind.Transient, $"{_source} host {url.Authority} is failing repeatedly (circuit open), {where} not sent{retry}", null, e) { CircuitOpen = true };
        }
        catch (HttpRequestException e)
        {
            throw new StacHttpException(FailureKind.Transient, $"{where} failed: {SecretRedactor.Redact(e.Message)}", e.StatusCode, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StacHttpException(FailureKind.Transient, string.Create(CultureInfo.InvariantCulture, $"{where} timed out after {_requestTimeout.TotalSeconds:0.#} s"), null, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var excerpt = await ExcerptAsync(response.Content, cancellationToken);
                var status = (int)response.StatusCode + (string.IsNullOrEmpty(response.ReasonPhrase) ? string.Empty : " " + response.ReasonPhrase);
                var message = $"{where} returned HTTP {status}" + (excerpt.Length > 0 ? ": " + excerpt : string.Empty);
                throw new StacHttpException(StacHttpException.KindFor(response.StatusCode), message, response.StatusCode);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                var excerpt = await ExcerptAsync(response.Content, cancellationToken);
                throw new StacFormatException($"{_source} returned content type '{mediaType}' instead of JSON from {where}" + (excerpt.Length > 0 ? ": " + excerpt : string.Empty));
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    return await JsonDocument.ParseAsync(stream, default, cancellationToken);
                }
                catch (JsonException e)
                {
                    throw new StacFormatException($"{_source} returned invalid JSON from {where}: {SecretRedactor.Redact(e.Message)}", e);
                }
            }
        }
    }

    /// <summary>A short, single-line, redacted excerpt of a body; HTML tags are stripped.</summary>
    internal static string Excerpt(string text)
    {
        if (text.Length > 8192)
        {
            text = text[..8192];
        }

        if (text.Contains('<', StringComparison.Ordinal) && LooksLikeHtml().IsMatch(text))
        {
            text = Scripts().Replace(text, " ");
            text = Tags().Replace(text, " ");
            text = System.Net.WebUtility.HtmlDecode(text);
        }

        text = Whitespace().Replace(text, " ").Trim();
        text = SecretRedactor.Redact(text);
        return text.Length > ExcerptLength ? text[..ExcerptLength] + "..." : text;
    }

    private static async Task<string> ExcerptAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            return Excerpt(await content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or DecoderFallbackException)
        {
            return string.Empty;
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, Uri url, string? body, IReadOnlyDictionary<string, string>? headers, string accept)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd(accept);
        if (_userAgent is { Length: > 0 })
        {
            request.Headers.UserAgent.TryParseAdd(_userAgent);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is not null)
                {
                    request.Content.Headers.Remove(name);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        return request;
    }

    [GeneratedRegex(@"<\s*(html|head|body|title|!doctype|div|p|h1|center)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeHtml();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
