using System.Net;
using System.Threading.RateLimiting;
using Axion.TileBuilder.Stac.Http;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Signing;
using Axion.TileBuilder.Stac.Tests.Fakes;
using Axion.TileBuilder.Stac.Tests.Search;
using Axion.TileBuilder.Stac.Tests.Signing;

namespace Axion.TileBuilder.Stac.Tests.Http;

/// <summary>
/// <c>--max-stac-rps</c>: every attempt of every catalog and token request takes one permit of the process's cap. The
/// caps here are token buckets replenished by hand (<see cref="TokenBucketRateLimiter.TryReplenish"/>), never by
/// wall-clock time: the tests count permits, requests served and requests queued, and assert no duration.
/// </summary>
public sealed class StacRateLimitTests : StacClientTestBase
{
    private static readonly StacSearchRequest Request = new() { Collections = ["sentinel-2-l2a"] };

    private static string Page(string id, string links = "[]") => FeatureCollection(MinimalItem(id), links);

    [Theory]
    [InlineData(10, 10)]
    [InlineData(0.5, 1)]
    [InlineData(2.5, 3)]
    [InlineData(1000, 1000)]
    public void The_burst_is_one_seconds_worth_of_requests_and_at_least_one(double rps, int burst) =>
        Assert.Equal(burst, StacRateLimit.BurstFor(rps));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_that_is_not_positive_and_finite_is_refused(double rps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StacRateLimit.BurstFor(rps));
        Assert.Throws<ArgumentOutOfRangeException>(() => StacRateLimit.OptionsFor(rps));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StacRateLimit(rps));
    }

    [Theory]
    [InlineData(10, 10, 1, 100)]
    [InlineData(0.5, 1, 1, 2000)]
    [InlineData(2.5, 3, 1, 400)]
    [InlineData(1000, 1000, 100, 100)]
    public void The_bucket_holds_a_seconds_worth_and_refills_the_rate_about_ten_times_a_second(double rps, int tokenLimit, int tokensPerPeriod, int periodMs)
    {
        var options = StacRateLimit.OptionsFor(rps);

        Assert.Equal((tokenLimit, tokensPerPeriod), (options.TokenLimit, options.TokensPerPeriod));
        Assert.Equal(TimeSpan.FromMilliseconds(periodMs), options.ReplenishmentPeriod);
        Assert.Equal(rps, options.TokensPerPeriod / options.ReplenishmentPeriod.TotalSeconds, 9); // exactly the rate on average
        Assert.Equal(QueueProcessingOrder.OldestFirst, options.QueueProcessingOrder);
    }

    [Fact]
    public async Task A_cold_start_sends_a_seconds_worth_of_requests_without_waiting_and_the_next_one_waits_for_a_refill()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Json(MinimalItem("a")));
        var options = StacRateLimit.OptionsFor(10);
        options.AutoReplenishment = false; // the process's bucket, never refilled
        using var bucket = new TokenBucketRateLimiter(options);
        using var limit = new StacRateLimit(bucket, 10);
        var client = Client(configure: o => o with { RateLimit = limit });

        var first = Enumerable.Range(0, 10).Select(_ => client.GetItemAsync("sentinel-2-l2a", "a", Ct)).ToList();
        await Until(() => Handler.Count + limit.Queued == 10); // each one sent, or waiting for a permit
        Assert.Equal((10, 0L), (Handler.Count, limit.Queued)); // the tokens and first searches of a process: none waits
        await Task.WhenAll(first);
        Assert.Equal((10L, 0L), (limit.Requests, limit.Waited));

        using var giveUp = new CancellationTokenSource();
        var eleventh = client.GetItemAsync("sentinel-2-l2a", "a", giveUp.Token);
        await Until(() => limit.Queued == 1);
        Assert.Equal(10, Handler.Count); // the bucket is empty: the eleventh waits for the next refill
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => eleventh);
        Assert.Equal((10, 10L), (Handler.Count, limit.Requests)); // the eleventh was never sent
    }

    [Fact]
    public async Task Requests_beyond_the_permits_wait_in_the_queue_and_go_one_per_permit()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Json(MinimalItem("a")));
        using var limit = ManualLimit(out var bucket);
        var client = Client(configure: o => o with { RateLimit = limit });

        var requests = Enumerable.Range(0, 3).Select(_ => client.GetItemAsync("sentinel-2-l2a", "a", Ct)).ToList();

        await Until(() => Handler.Count == 1 && limit.Queued == 2);
        Assert.Equal(1, Handler.Count); // one permit in the bucket: one request sent, two waiting
        Assert.True(bucket.TryReplenish());
        await Until(() => Handler.Count == 2 && limit.Queued == 1);
        Assert.True(bucket.TryReplenish());
        await Task.WhenAll(requests);

        Assert.Equal(3, Handler.Count);
        Assert.Equal(0, limit.Queued);
        Assert.Equal(3, limit.Requests);
        Assert.Equal(2, limit.Waited);
    }

    [Fact]
    public async Task Every_search_page_item_collection_and_retry_takes_one_permit()
    {
        Handler.Enqueue(() => TestHttpMessageHandler.Json(Page("p1", """[{"rel":"next","href":"search","method":"POST","body":{"token":"page2"}}]""")))
            .Enqueue(() => TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "busy"))
            .Enqueue(() => TestHttpMessageHandler.Json(Page("p2")))
            .Enqueue(() => TestHttpMessageHandler.Json(MinimalItem("one")))
            .Enqueue(() => TestHttpMessageHandler.Json("""{"id":"sentinel-2-l2a","type":"Collection"}""", HttpStatusCode.OK, "application/json"));
        using var limit = new StacRateLimit(new TokenBucketRateLimiter(Bucket(tokens: 100)), 10);
        var client = Client(configure: o => o with { RateLimit = limit });

        var items = await ToListAsync(client.SearchAsync(Request, Ct));
        await client.GetItemAsync("sentinel-2-l2a", "one", Ct);
        (await client.GetCollectionAsync("sentinel-2-l2a", Ct)).Dispose();

        Assert.Equal(["p1", "p2"], items.Select(i => i.Id));
        Assert.Equal(5, Handler.Count); // 2 pages (the second one retried once), the item, the collection
        Assert.Equal(Handler.Count, limit.Requests);
    }

    [Fact]
    public async Task Token_requests_wait_for_permits_of_the_same_cap_as_the_catalog()
    {
        Handler.Enqueue(() => TestHttpMessageHandler.Json(MinimalItem("a")))
            .Enqueue(() => TestHttpMessageHandler.Json("""{"msft:expiry":"2099-01-01T00:00:00Z","token":"se=2099&sig=S"}""", HttpStatusCode.OK, "application/json"));
        using var limit = ManualLimit(out var bucket);
        var client = Client(configure: o => o with { RateLimit = limit });
        using var signer = new PlanetaryComputerSigner(Http, new PlanetaryComputerSignerOptions { TimeProvider = Time, Resilience = PlanetaryComputerSignerTests.HeldTimeouts, RateLimit = limit });

        await client.GetItemAsync("sentinel-2-l2a", "a", Ct); // takes the only permit
        var signing = signer.SignAsync("https://x.blob.core.windows.net/c/a.tif", "sentinel-2-l2a", Ct).AsTask();

        await Until(() => limit.Queued == 1);
        Assert.Equal(1, Handler.Count); // the token request waits for the catalog's cap
        Assert.True(bucket.TryReplenish());
        Assert.Equal("https://x.blob.core.windows.net/c/a.tif?se=2099&sig=S", await signing);
        Assert.Equal(2, Handler.Count);
        Assert.Equal((2L, 1L), (limit.Requests, limit.Waited));
    }

    [Fact]
    public async Task A_caller_cancelled_while_waiting_leaves_the_queue_without_a_request()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Json(MinimalItem("a")));
        using var limit = ManualLimit(out _);
        var client = Client(configure: o => o with { RateLimit = limit });
        await client.GetItemAsync("sentinel-2-l2a", "a", Ct);
        using var cancel = new CancellationTokenSource();

        var waiting = client.GetItemAsync("sentinel-2-l2a", "a", cancel.Token);
        await Until(() => limit.Queued == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, limit.Queued);
        Assert.Equal(1, Handler.Count);
        Assert.Equal(1, limit.Requests);
    }

    /// <summary>A cap of one permit that is refilled only by the test (<see cref="Bucket"/>).</summary>
    private static StacRateLimit ManualLimit(out TokenBucketRateLimiter bucket)
    {
        bucket = new TokenBucketRateLimiter(Bucket(tokens: 1));
        return new StacRateLimit(bucket, 1);
    }

    /// <summary>
    /// A bucket of <paramref name="tokens"/> permits, refilled only by <see cref="TokenBucketRateLimiter.TryReplenish"/>.
    /// The limiter computes a refill from the time since the last one; with a period of one tick any call comes more than a
    /// period later, so each call fills the bucket to its limit, whatever the machine's speed.
    /// </summary>
    private static TokenBucketRateLimiterOptions Bucket(int tokens) => new()
    {
        TokenLimit = tokens,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(1),
        AutoReplenishment = false,
        QueueLimit = 1000,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    /// <summary>Waits until <paramref name="condition"/> holds; the limit is a guard against a hang, not a measure.</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, hang.Token);
        }
    }
}
