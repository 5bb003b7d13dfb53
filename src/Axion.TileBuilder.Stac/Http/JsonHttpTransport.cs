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
/// with redacted, one-line messages. Every body is read with a cap (<see cref="BoundedBody"/>) and within
/// the attempt's timeouts; the whole request within <see cref="StacResilienceOptions.TotalTimeout"/>. Every attempt
/// first takes a permit from the process's <see cref="StacRateLimit"/> when there is one: the first attempt's wait
/// for it is not part of the request's time cap, a retry's wait is.
/// </summary>
internal sealed partial class JsonHttpTransport
{
    private const int ExcerptLength = 200;

    /// <summary>Bytes of an error or non-JSON body read for its excerpt; the rest is not read.</summary>
    private const int ExcerptBytes = 8192;

    private readonly HttpClient _http;
    private readonly HostPipelines _pipelines;
    private readonly StacResilienceOptions _resilience;
    private readonly TimeProvider _time;
    private readonly string? _userAgent;
    private readonly string _source;
    private readonly StacRateLimit? _rateLimit;

    /// <param name="http">The client (its own Timeout still applies).</param>
    /// <param name="pipelines">Resilience pipeline per host.</param>
    /// <param name="resilience">Attempt and total timeouts and their clock.</param>
    /// <param name="userAgent">User-Agent header value, or null.</param>
    /// <param name="source">What is talked to, for messages: <c>catalog</c>, <c>token endpoint</c>.</param>
    /// <param name="rateLimit">The process's cap on catalog requests, or null for none.</param>
    public JsonHttpTransport(HttpClient http, HostPipelines pipelines, StacResilienceOptions resilience, string? userAgent, string source, StacRateLimit? rateLimit)
    {
        _http = http;
        _pipelines = pipelines;
        _resilience = resilience;
        _time = resilience.TimeProvider ?? TimeProvider.System;
        _userAgent = userAgent;
        _source = source;
        _rateLimit = rateLimit;
    }

    /// <summary>Sends the request and parses the JSON answer.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="url">Absolute URL.</param>
    /// <param name="body">JSON body, or null.</param>
    /// <param name="headers">Extra headers, or null.</param>
    /// <param name="accept">Accept header.</param>
    /// <param name="maxBytes">Cap on the body, bytes: a larger answer fails with <see cref="StacFormatException"/> (not retried).</param>
    /// <param name="cancellationToken">The caller's token (never retried).</param>
    public async Task<JsonDocument> SendAsync(
        HttpMethod method,
        Uri url,
        JsonNode? body,
        IReadOnlyDictionary<string, string>? headers,
        string accept,
        long maxBytes,
        CancellationToken cancellationToken)
    {
        var where = method.Method + " " + SecretRedactor.RedactUrl(url);
        var bodyText = body?.ToJsonString(Internals.Json.Wire);
        var attempts = 0;
        HttpResponseMessage response;
        if (_rateLimit is { } firstPermit)
        {
            await firstPermit.AcquireAsync(cancellationToken);
        }

        using var total = new CancellationTokenSource(_resilience.TotalTimeout, _time);
        using var request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        try
        {
            response = await _pipelines.For(url).ExecuteAsync(
                async token =>
                {
                    if (Interlocked.Increment(ref attempts) > 1 && _rateLimit is { } retryPermit)
                    {
                        await retryPermit.AcquireAsync(token);
                    }

                    using var message = BuildRequest(method, url, bodyText, headers, accept);
                    return await AttemptAsync(message, maxBytes, token);
                },
                request.Token);
        }
        catch (BrokenCircuitException e)
        {
            var retry = e.RetryAfter is { } after ? string.Create(CultureInfo.InvariantCulture, $"; retry in {after.TotalSeconds:0} s") : string.Empty;
            throw new StacHttpException(FailureKind.Transient, $"{_source} host {url.Authority} is failing repeatedly (circuit open), {where} not sent{retry}", null, e) { CircuitOpen = true };
        }
        catch (ResponseTooLargeException e)
        {
            throw new StacFormatException(
                string.Create(CultureInfo.InvariantCulture, $"{_source} answer to {where} is larger than the cap of {Mib(e.Cap)} ({(e.DeclaredLength is { } d ? "Content-Length " + Mib(d) : "more was sent")}); refused"),
                e);
        }
        catch (HttpRequestException e)
        {
            throw new StacHttpException(FailureKind.Transient, $"{where} failed: {SecretRedactor.Redact(e.Message)}", e.StatusCode, e);
        }
        catch (TimeoutException e)
        {
            throw new StacHttpException(FailureKind.Transient, string.Create(CultureInfo.InvariantCulture, $"{where} timed out: {e.Message} ({Volatile.Read(ref attempts)} attempt(s))"), null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StacHttpException(
                FailureKind.Transient,
                string.Create(CultureInfo.InvariantCulture, $"{where} gave up after {_resilience.TotalTimeout.TotalSeconds:0.#} s, the time cap of one request ({Volatile.Read(ref attempts)} attempt(s))"),
                null,
                e);
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
            if (!IsJson(mediaType))
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

    /// <summary>
    /// One attempt: the headers within <see cref="StacResilienceOptions.HeadersTimeout"/>, then the body (capped; only
    /// an excerpt of an error or non-JSON body) within <see cref="StacResilienceOptions.BodyTimeout"/>. The response
    /// returned holds its body in memory.
    /// </summary>
    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage message, long maxBytes, CancellationToken token)
    {
        HttpResponseMessage response;
        using (var headersTimer = new CancellationTokenSource(_resilience.HeadersTimeout, _time))
        using (var headersToken = CancellationTokenSource.CreateLinkedTokenSource(token, headersTimer.Token))
        {
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, headersToken.Token);
            }
            catch (OperationCanceledException e) when (headersTimer.IsCancellationRequested && !token.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no response within {_resilience.HeadersTimeout.TotalSeconds:0.#} s"), e);
            }
        }

        try
        {
            using var bodyTimer = new CancellationTokenSource(_resilience.BodyTimeout, _time);
            using var bodyToken = CancellationTokenSource.CreateLinkedTokenSource(token, bodyTimer.Token);
            byte[] body;
            try
            {
                body = response.IsSuccessStatusCode && IsJson(response.Content.Headers.ContentType?.MediaType)
                    ? await BoundedBody.ReadAsync(response.Content, maxBytes, bodyToken.Token)
                    : await BoundedBody.ReadPrefixAsync(response.Content, ExcerptBytes, bodyToken.Token);
            }
            catch (OperationCanceledException e) when (bodyTimer.IsCancellationRequested && !token.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"the body did not arrive within {_resilience.BodyTimeout.TotalSeconds:0.#} s"), e);
            }
            catch (IOException e)
            {
                // A cut or reset body: transient, like a failed send.
                throw new HttpRequestException($"reading the body failed: {e.Message}", e);
            }

            var buffered = new ByteArrayContent(body);
            foreach (var (name, values) in response.Content.Headers)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(name, values);
                }
            }

            response.Content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsJson(string? mediaType) => mediaType is null || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static string Mib(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.##} MiB ({bytes} bytes)")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

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
            return Excerpt(Encoding.UTF8.GetString(await BoundedBody.ReadPrefixAsync(content, ExcerptBytes, cancellationToken)));
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
