using Axion.TileBuilder.Stac.Http;

namespace Axion.TileBuilder.Stac.Signing;

/// <summary>Settings of a <see cref="PlanetaryComputerSigner"/>. Change with <c>with</c>.</summary>
public readonly record struct PlanetaryComputerSignerOptions
{
    /// <summary>The public Planetary Computer token endpoint.</summary>
    public static readonly Uri DefaultTokenEndpoint = new("https://planetarycomputer.microsoft.com/api/sas/v1/token");

    public PlanetaryComputerSignerOptions()
    {
    }

    /// <summary>Token endpoint base; the collection id is appended (<c>{base}/{collection}</c>). Default <see cref="DefaultTokenEndpoint"/>.</summary>
    public Uri TokenEndpoint { get; init; } = DefaultTokenEndpoint;

    /// <summary>
    /// Optional API key sent as <c>Ocp-Apim-Subscription-Key</c> (raises rate limits). The caller reads
    /// it from <c>PC_SDK_SUBSCRIPTION_KEY</c>; never logged.
    /// </summary>
    public string? SubscriptionKey { get; init; }

    /// <summary>Refresh a token this long before its <c>msft:expiry</c>; default 5 min, never less than 60 s.</summary>
    public TimeSpan RefreshMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime assumed when <c>msft:expiry</c> is missing or unparsable; default 30 min.</summary>
    public TimeSpan AssumedLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Clock for expiry decisions (and retry delays when <see cref="Resilience"/> has none); null means system time.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Retries and timeouts for the token endpoint (429 with <c>Retry-After</c>, 5xx, network errors, no answer).</summary>
    public StacResilienceOptions Resilience { get; init; } = new();

    /// <summary>The default of <see cref="MaxTokenBytes"/>: 64 KiB (a token answer is about 1 KiB).</summary>
    public const long DefaultMaxTokenBytes = 64 * 1024;

    /// <summary>Cap on a token answer, bytes; a larger one fails with <c>catalog_format</c>. Default <see cref="DefaultMaxTokenBytes"/>.</summary>
    public long MaxTokenBytes { get; init; } = DefaultMaxTokenBytes;

    /// <summary>User-Agent header; default <c>axion-tiles/0.1</c>.</summary>
    public string? UserAgent { get; init; } = "axion-tiles/0.1";

    /// <summary>
    /// The process's cap on catalog requests (<c>--max-stac-rps</c>): every token request attempt takes one permit of
    /// the same cap as the STAC requests (tokens are cached per collection, so they are a handful per hour). Null
    /// (default): no cap. Not disposed by the signer.
    /// </summary>
    public StacRateLimit? RateLimit { get; init; }

    /// <summary>Receives one-line notes (token fetched, expiry); never the token itself. May be null.</summary>
    public Action<string>? Log { get; init; }
}
