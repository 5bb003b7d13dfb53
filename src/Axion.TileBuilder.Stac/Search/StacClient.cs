using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Stac.Http;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Stac.Search;

/// <summary>
/// A STAC API client: item search with paging, single items, collections. Every request goes
/// through a per-host resilience pipeline (retries, <c>Retry-After</c>, circuit breaker) and, when
/// <see cref="StacClientOptions.RateLimit"/> is set, takes a permit of the process's rate cap per attempt.
/// Thread-safe; the <see cref="HttpClient"/> is not disposed by this class.
/// </summary>
public sealed class StacClient
{
    internal const string GeoJsonAccept = "application/geo+json, application/json;q=0.9";
    private const string JsonAccept = "application/json, application/geo+json;q=0.9";
    private readonly JsonHttpTransport _transport;
    private readonly StacClientOptions _options;
    private readonly Uri _root;

    public StacClient(HttpClient http, StacClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (options.RootUrl is null || !options.RootUrl.IsAbsoluteUri || (options.RootUrl.Scheme != Uri.UriSchemeHttp && options.RootUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"STAC root URL must be absolute http/https, got '{options.RootUrl}'", nameof(options));
        }

        if (options.MaxPageBytes < 1 || options.MaxDocumentBytes < 1)
        {
            throw new ArgumentException($"MaxPageBytes and MaxDocumentBytes must be positive, got {options.MaxPageBytes} and {options.MaxDocumentBytes}", nameof(options));
        }

        if (options.MaxPages < 1)
        {
            throw new ArgumentException($"MaxPages must be at least 1, got {options.MaxPages}", nameof(options));
        }

        _options = options;
        var root = options.RootUrl.AbsoluteUri;
        _root = new Uri(root.EndsWith('/') ? root : root + "/");
        var resilience = options.Resilience with { Log = options.Resilience.Log ?? options.Log };
        _transport = new JsonHttpTransport(http, new HostPipelines(resilience, options.Pipeline), resilience, options.UserAgent, "catalog", options.RateLimit);
    }

    /// <summary>The settings this client uses.</summary>
    public StacClientOptions Options => _options;

    /// <summary>
    /// Searches and yields every item once, following <c>next</c> links until a page has no
    /// <c>next</c> link or no features, a request repeats (loop), <see cref="StacClientOptions.MaxPages"/>
    /// pages were read or <see cref="StacClientOptions.MaxItems"/> items were yielded. Unparsable
    /// features are skipped and logged (use <see cref="SearchPagesAsync"/> to see them).
    /// </summary>
    /// <exception cref="ArgumentException">The request is invalid (thrown at the call, before enumeration).</exception>
    public IAsyncEnumerable<StacItem> SearchAsync(StacSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.ToJson();
        return ItemsAsync(body, cancellationToken);
    }

    /// <summary>Like <see cref="SearchAsync"/> but yields whole pages with their problems.</summary>
    /// <exception cref="ArgumentException">The request is invalid (thrown at the call, before enumeration).</exception>
    public IAsyncEnumerable<SearchPage> SearchPagesAsync(StacSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.ToJson();
        return PagesAsync(HttpMethod.Post, new Uri(_root, "search"), body, null, cancellationToken);
    }

    /// <summary>GET <c>&lt;root&gt;/collections/{collection}/items/{id}</c>.</summary>
    /// <exception cref="StacHttpException">404 (Permanent) and other HTTP failures.</exception>
    /// <exception cref="StacFormatException">The response is not a usable item.</exception>
    public async Task<StacItem> GetItemAsync(string collection, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var url = new Uri(_root, "collections/" + Uri.EscapeDataString(collection) + "/items/" + Uri.EscapeDataString(id));
        using var document = await _transport.SendAsync(HttpMethod.Get, url, null, null, GeoJsonAccept, _options.MaxDocumentBytes, cancellationToken);
        return StacItemParser.Parse(document.RootElement);
    }

    /// <summary>GET <c>&lt;root&gt;/collections/{collection}</c> as a raw document (the caller disposes it).</summary>
    public Task<JsonDocument> GetCollectionAsync(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        var url = new Uri(_root, "collections/" + Uri.EscapeDataString(collection));
        return _transport.SendAsync(HttpMethod.Get, url, null, null, JsonAccept, _options.MaxDocumentBytes, cancellationToken);
    }

    private async IAsyncEnumerable<StacItem> ItemsAsync(JsonObject body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var yielded = 0;
        await foreach (var page in PagesAsync(HttpMethod.Post, new Uri(_root, "search"), body, null, cancellationToken))
        {
            foreach (var problem in page.Problems)
            {
                Log($"skipped feature #{problem.Index} of a search page: {problem.Message}");
            }

            foreach (var item in page.Items)
            {
                if (_options.MaxItems is { } max && yielded >= max)
                {
                    Log($"search stopped at MaxItems = {max}");
                    yield break;
                }

                yielded++;
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<SearchPage> PagesAsync(
        HttpMethod method,
        Uri url,
        JsonObject? body,
        IReadOnlyDictionary<string, string>? headers,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        var items = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fingerprint = method.Method + " " + url.AbsoluteUri + " " + body?.ToJsonString();
            if (!seen.Add(fingerprint))
            {
                Log($"search paging stopped: the next link repeats an earlier request ({method.Method} {SecretRedactor.RedactUrl(url)}); {items} items in {pages} pages");
                yield break;
            }

            if (pages >= _options.MaxPages)
            {
                Log($"search paging stopped at MaxPages = {_options.MaxPages} ({items} items); more results exist");
                yield break;
            }

            SearchPage page;
            using (var document = await _transport.SendAsync(method, url, body, headers, GeoJsonAccept, _options.MaxPageBytes, cancellationToken))
            {
                page = ParsePage(document.RootElement, method, url);
            }

            pages++;
            items += page.Items.Count;
            yield return page;

            if (page.FeatureCount == 0 || page.Next is not { } next)
            {
                yield break;
            }

            (method, url, body, headers) = Follow(next, url, body);
        }
    }

    private static SearchPage ParsePage(JsonElement root, HttpMethod method, Uri url)
    {
        try
        {
            return StacItemParser.ParseFeatureCollection(root);
        }
        catch (StacFormatException e)
        {
            throw new StacFormatException($"{e.Message} from {method.Method} {SecretRedactor.RedactUrl(url)}", e);
        }
    }

    /// <summary>The request for a <c>next</c> link (STAC API paging rules).</summary>
    internal static (HttpMethod Method, Uri Url, JsonObject? Body, IReadOnlyDictionary<string, string>? Headers) Follow(StacLink next, Uri current, JsonObject? previousBody)
    {
        if (!Uri.TryCreate(current, next.Href, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new StacFormatException($"catalog next link is not an http(s) URL: '{SecretRedactor.RedactUrl(next.Href)}'");
        }

        if (!string.Equals(next.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return (HttpMethod.Get, url, null, next.Headers);
        }

        JsonObject? body;
        if (next.Body is not { } linkBody)
        {
            body = previousBody;
        }
        else if (next.Merge && previousBody is not null)
        {
            body = previousBody.DeepClone().AsObject();
            foreach (var (name, value) in JsonNode.Parse(linkBody.GetRawText())!.AsObject())
            {
                body[name] = value?.DeepClone();
            }
        }
        else
        {
            body = JsonNode.Parse(linkBody.GetRawText())!.AsObject();
        }

        return (HttpMethod.Post, url, body, next.Headers);
    }

    private void Log(string message) => _options.Log?.Invoke(SecretRedactor.Redact(message));
}
