using System.Text.Json.Nodes;
using Axion.TileBuilder.Stac.Http;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Tests.Fakes;

namespace Axion.TileBuilder.Stac.Tests.Search;

/// <summary>Builds a client on the fake handler and a manual clock.</summary>
public abstract class StacClientTestBase : IDisposable
{
    protected const string PcRoot = "https://planetarycomputer.microsoft.com/api/stac/v1";
    protected const string EsRoot = "https://earth-search.aws.element84.com/v1";

    protected static CancellationToken Ct => CancellationToken.None;

    protected TestHttpMessageHandler Handler { get; } = new();

    protected ManualTimeProvider Time { get; } = new();

    protected List<string> Log { get; } = [];

    protected HttpClient Http { get; }

    protected StacClientTestBase() => Http = Handler.CreateClient();

    protected StacClient Client(string root = PcRoot, Func<StacClientOptions, StacClientOptions>? configure = null)
    {
        var options = new StacClientOptions(new Uri(root))
        {
            Resilience = new StacResilienceOptions
            {
                TimeProvider = Time,
                MaxAttempts = 5,
                HeadersTimeout = ManualTimeProvider.HeldTimeout,
                BodyTimeout = ManualTimeProvider.HeldTimeout,
                TotalTimeout = ManualTimeProvider.HeldTimeout,
            },
            Log = line =>
            {
                lock (Log)
                {
                    Log.Add(line);
                }
            },
        };
        return new StacClient(Http, configure is null ? options : configure(options));
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    protected static void AssertJsonEqual(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual!)), $"expected {expected}\nactual   {actual}");

    protected static string FeatureCollection(string featuresJson, string linksJson = "[]") =>
        "{\"type\":\"FeatureCollection\",\"features\":[" + featuresJson + "],\"links\":" + linksJson + "}";

    protected static string MinimalItem(string id) =>
        "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"datetime\":\"2024-01-01T00:00:00Z\"},\"assets\":{\"a\":{\"href\":\"https://x.test/" + id + ".tif\"}}}";

    public void Dispose()
    {
        Http.Dispose();
        Handler.Dispose();
        GC.SuppressFinalize(this);
    }
}
