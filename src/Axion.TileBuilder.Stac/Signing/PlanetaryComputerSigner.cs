using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Stac.Http;
using Axion.TileBuilder.Stac.Internals;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Security;
using Azure;

namespace Axion.TileBuilder.Stac.Signing;

/// <summary>
/// Signs Planetary Computer blob hrefs with the collection's SAS token from
/// <c>GET {TokenEndpoint}/{collection}</c>. One token is cached per collection (held in an
/// <see cref="AzureSasCredential"/> that is updated on refresh); concurrent callers share one
/// in-flight request; the token is refreshed <see cref="PlanetaryComputerSignerOptions.RefreshMargin"/>
/// before <c>msft:expiry</c>. Token requests take permits of the process's catalog rate cap
/// (<see cref="PlanetaryComputerSignerOptions.RateLimit"/>) like STAC requests. Tokens never appear in logs or exception
/// messages.
/// </summary>
public sealed partial class PlanetaryComputerSigner : IHrefSigner, IDisposable
{
    private static readonly TimeSpan MinimumMargin = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, CollectionToken> _tokens = new(StringComparer.Ordinal);
    private readonly JsonHttpTransport _transport;
    private readonly PlanetaryComputerSignerOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _endpoint;
    private readonly Dictionary<string, string>? _headers;

    public PlanetaryComputerSigner(HttpClient http, PlanetaryComputerSignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endpoint = options.TokenEndpoint ?? PlanetaryComputerSignerOptions.DefaultTokenEndpoint;
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"token endpoint must be an absolute URL, got '{endpoint}'", nameof(options));
        }

        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        var text = endpoint.AbsoluteUri;
        _endpoint = new Uri(text.EndsWith('/') ? text : text + "/");
        _headers = string.IsNullOrEmpty(options.SubscriptionKey)
            ? null
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Ocp-Apim-Subscription-Key"] = options.SubscriptionKey };
        var resilience = options.Resilience with
        {
            TimeProvider = options.Resilience.TimeProvider ?? options.TimeProvider,
            Log = options.Resilience.Log ?? options.Log,
        };
        _transport = new JsonHttpTransport(http, new HostPipelines(resilience, null), resilience, options.UserAgent, "token endpoint", options.RateLimit);
    }

    /// <summary>
    /// True when <paramref name="href"/> already carries a SAS (<c>se=</c> and <c>sig=</c> query parameters).
    /// </summary>
    public static bool IsSigned(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var query = href.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 && SasParameter("se").IsMatch(href, query) && SasParameter("sig").IsMatch(href, query);
    }

    /// <inheritdoc />
    /// <exception cref="StacHttpException">The token endpoint failed (message without token).</exception>
    /// <exception cref="StacFormatException">The token endpoint answered without a token.</exception>
    public async ValueTask<string> SignAsync(string href, string collection, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(href);
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        if (IsSigned(href))
        {
            return href;
        }

        var token = await GetTokenAsync(collection, cancellationToken);
        var separator = href.Contains('?', StringComparison.Ordinal)
            ? href.EndsWith('?') || href.EndsWith('&') ? string.Empty : "&"
            : "?";
        return href + separator + token;
    }

    /// <inheritdoc />
    public void Invalidate(string collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (_tokens.TryGetValue(collection, out var entry))
        {
            entry.Invalidate();
            _options.Log?.Invoke($"SAS token for collection '{collection}' invalidated; the next sign fetches a new one");
        }
    }

    /// <inheritdoc />
    public void Invalidate(string collection, string rejectedHref)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(rejectedHref);
        if (!_tokens.TryGetValue(collection, out var entry))
        {
            return;
        }

        if (entry.InvalidateIfCarriedBy(rejectedHref))
        {
            _options.Log?.Invoke($"SAS token for collection '{collection}' invalidated; the next sign fetches a new one");
        }
        else
        {
            _options.Log?.Invoke($"SAS token for collection '{collection}' kept: the rejected read carried an earlier token, already replaced");
        }
    }

    /// <summary>When the cached token of <paramref name="collection"/> expires (UTC); null when none is cached.</summary>
    public DateTimeOffset? ExpiryOf(string collection) =>
        _tokens.TryGetValue(collection, out var entry) && entry.Credential is not null ? entry.Expiry : null;

    /// <summary>The current SAS of <paramref name="collection"/> (fetched or refreshed when needed).</summary>
    public async ValueTask<string> GetTokenAsync(string collection, CancellationToken cancellationToken)
    {
        var entry = _tokens.GetOrAdd(collection, static _ => new CollectionToken());
        if (entry.TryGetFresh(_time.GetUtcNow()) is { } fresh)
        {
            return fresh;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed it while this one waited.
            if (entry.TryGetFresh(_time.GetUtcNow()) is { } refreshed)
            {
                return refreshed;
            }

            (string Token, DateTimeOffset Expiry, bool Assumed) fetched;
            try
            {
                fetched = await FetchAsync(collection, cancellationToken);
            }
            catch (AxionException e) when (entry.TryGetStillValid(_time.GetUtcNow() + MinimumMargin) is { } current)
            {
                // A scheduled refresh failed but the current token has more than a minute left:
                // keep working with it; the next sign tries again. Not after Invalidate (the token was refused).
                _options.Log?.Invoke($"SAS token refresh for collection '{collection}' failed ({SecretRedactor.Redact(e.Message)}); using the current token until it nears expiry");
                return current;
            }

            var (token, expiry, assumed) = fetched;
            var now = _time.GetUtcNow();
            var margin = _options.RefreshMargin < MinimumMargin ? MinimumMargin : _options.RefreshMargin;
            var refreshAt = expiry - margin;
            if (refreshAt < now)
            {
                // Short-lived token: use it for half its remaining life.
                refreshAt = now + ((expiry - now) / 2);
            }

            entry.Store(token, expiry, refreshAt);
            _options.Log?.Invoke(string.Create(
                CultureInfo.InvariantCulture,
                $"SAS token for collection '{collection}' fetched; expires {expiry:yyyy-MM-ddTHH:mm:ssZ}{(assumed ? " (assumed)" : string.Empty)}, refresh after {refreshAt:yyyy-MM-ddTHH:mm:ssZ}"));
            return token;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var entry in _tokens.Values)
        {
            entry.Gate.Dispose();
        }
    }

    private async Task<(string Token, DateTimeOffset Expiry, bool Assumed)> FetchAsync(string collection, CancellationToken cancellationToken)
    {
        var url = new Uri(_endpoint, Uri.EscapeDataString(collection));
        using var document = await _transport.SendAsync(HttpMethod.Get, url, null, _headers, "application/json", _options.MaxTokenBytes, cancellationToken);
        var root = document.RootElement;
        var token = root.ValueKind == JsonValueKind.Object ? Json.String(root, "token") : null;
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new StacFormatException($"token endpoint returned no 'token' for collection '{collection}'");
        }

        token = token.TrimStart('?');
        var expiry = root.ValueKind == JsonValueKind.Object ? StacDateParser.Parse(Json.String(root, "msft:expiry")) : null;
        return expiry is { } e ? (token, e, false) : (token, _time.GetUtcNow() + _options.AssumedLifetime, true);
    }

    [GeneratedRegex(@"[?&]se=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeParameter();

    [GeneratedRegex(@"[?&]sig=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SigParameter();

    private static Regex SasParameter(string name) => name == "se" ? SeParameter() : SigParameter();

    /// <summary>The cached SAS of one collection.</summary>
    private sealed class CollectionToken
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _refreshAt = DateTimeOffset.MinValue;
        private bool _invalidated;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public AzureSasCredential? Credential { get; private set; }

        public DateTimeOffset Expiry { get; private set; }

        public string? TryGetFresh(DateTimeOffset now)
        {
            lock (_lock)
            {
                return Credential is not null && now < _refreshAt ? Credential.Signature : null;
            }
        }

        public void Store(string token, DateTimeOffset expiry, DateTimeOffset refreshAt)
        {
            lock (_lock)
            {
                if (Credential is null)
                {
                    Credential = new AzureSasCredential(token);
                }
                else
                {
                    Credential.Update(token);
                }

                Expiry = expiry;
                _refreshAt = refreshAt;
                _invalidated = false;
            }
        }

        public string? TryGetStillValid(DateTimeOffset validUntil)
        {
            lock (_lock)
            {
                return Credential is not null && !_invalidated && Expiry > validUntil ? Credential.Signature : null;
            }
        }

        public void Invalidate()
        {
            lock (_lock)
            {
                _refreshAt = DateTimeOffset.MinValue;
                _invalidated = true;
            }
        }

        /// <summary>Invalidates the token when <paramref name="href"/> carries it (or none is cached); false when it carries another.</summary>
        public bool InvalidateIfCarriedBy(string href)
        {
            lock (_lock)
            {
                if (Credential is { } current && !href.Contains(current.Signature, StringComparison.Ordinal))
                {
                    return false;
                }

                _refreshAt = DateTimeOffset.MinValue;
                _invalidated = true;
                return true;
            }
        }
    }
}
