using System.Collections.Concurrent;
using Polly;

namespace Axion.TileBuilder.Stac.Http;

/// <summary>One resilience pipeline (and so one circuit breaker) per scheme+host+port.</summary>
internal sealed class HostPipelines
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.OrdinalIgnoreCase);
    private readonly StacResilienceOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage>? _shared;

    public HostPipelines(StacResilienceOptions options, ResiliencePipeline<HttpResponseMessage>? shared)
    {
        _options = options;
        _shared = shared;
    }

    public ResiliencePipeline<HttpResponseMessage> For(Uri url) =>
        _shared ?? _pipelines.GetOrAdd(url.Scheme + "://" + url.Authority, static (_, options) => StacResilience.Create(options), _options);
}
