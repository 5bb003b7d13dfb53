using Axion.TileBuilder.Stac.Http;
using Polly;

namespace Axion.TileBuilder.Stac.Search;

/// <summary>Settings of a <see cref="StacClient"/>. Change with <c>with</c>.</summary>
public readonly record struct StacClientOptions
{
    /// <param name="rootUrl">STAC API root, e.g. <c>https://planetarycomputer.microsoft.com/api/stac/v1</c>.</param>
    public StacClientOptions(Uri rootUrl)
    {
        ArgumentNullException.ThrowIfNull(rootUrl);
        RootUrl = rootUrl;
    }

    /// <summary>STAC API root URL (absolute http/https; a trailing slash is optional).</summary>
    public Uri RootUrl { get; init; }

    /// <summary>Pages fetched per search at most (a safety stop); default 50.</summary>
    public int MaxPages { get; init; } = 50;

    /// <summary>Items yielded per search at most; null (default) for no limit beyond <see cref="MaxPages"/>.</summary>
    public int? MaxItems { get; init; }

    /// <summary>User-Agent header; default <c>axion-tiles/0.1</c>.</summary>
    public string? UserAgent { get; init; } = "axion-tiles/0.1";

    /// <summary>The default of <see cref="MaxPageBytes"/>: 16 MiB, about 1,000 Planetary Computer items (10 times a page of the 100 asked for).</summary>
    public const long DefaultMaxPageBytes = 16L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxDocumentBytes"/>: 4 MiB.</summary>
    public const long DefaultMaxDocumentBytes = 4L * 1024 * 1024;

    /// <summary>
    /// Cap on one search page, bytes; a larger page fails the search with <c>catalog_format</c> without being read whole.
    /// Default <see cref="DefaultMaxPageBytes"/>.
    /// </summary>
    public long MaxPageBytes { get; init; } = DefaultMaxPageBytes;

    /// <summary>Cap on any other JSON answer (an item, a collection, a landing page), bytes. Default <see cref="DefaultMaxDocumentBytes"/>.</summary>
    public long MaxDocumentBytes { get; init; } = DefaultMaxDocumentBytes;

    /// <summary>Retry, timeout and breaker settings used to build one pipeline per host (<see cref="StacResilience.Create"/>).</summary>
    public StacResilienceOptions Resilience { get; init; } = new();

    /// <summary>A ready pipeline shared by every host (overrides <see cref="Resilience"/>); null (default) builds one per host.</summary>
    public ResiliencePipeline<HttpResponseMessage>? Pipeline { get; init; }

    /// <summary>
    /// The process's cap on catalog requests (<c>--max-stac-rps</c>), shared with every other client and signer of the
    /// process: each attempt of each request takes one permit. Null (default): no cap. Not disposed by the client.
    /// </summary>
    public StacRateLimit? RateLimit { get; init; }

    /// <summary>Receives one-line, redacted notes (paging stops, skipped items, retries); may be null.</summary>
    public Action<string>? Log { get; init; }
}
