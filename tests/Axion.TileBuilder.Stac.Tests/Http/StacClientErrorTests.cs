using System.Net;
using System.Net.Http.Headers;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Stac.Http;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Tests.Fakes;
using Axion.TileBuilder.Stac.Tests.Search;

namespace Axion.TileBuilder.Stac.Tests.Http;

public class StacClientErrorTests : StacClientTestBase
{
    private static readonly StacSearchRequest Request = new() { Collections = ["sentinel-2-l2a"] };

    private static string OnePage => "{\"type\":\"FeatureCollection\",\"features\":[{\"id\":\"x\",\"properties\":{\"datetime\":\"2024-01-01T00:00:00Z\"},\"assets\":{}}],\"links\":[]}";

    [Fact]
    public async Task Service_unavailable_twice_then_success()
    {
        Handler.Enqueue(() => TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "busy"))
            .Enqueue(() => TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "busy"))
            .Enqueue(() => TestHttpMessageHandler.Json(OnePage));

        var items = await ToListAsync(Client().SearchAsync(Request, Ct));

        Assert.Equal("x", Assert.Single(items).Id);
        Assert.Equal(3, Handler.Count);
        Assert.All(Handler.Requests, r => Assert.Equal("""{"collections":["sentinel-2-l2a"],"limit":100}""", r.Body));
        // Two backoff delays, capped by MaxDelay (30 s), computed by the pipeline on the fake clock.
        Assert.Equal(2, Time.Delays.Count);
        Assert.All(Time.Delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)));
        Assert.Equal(2, Log.Count(l => l.Contains("failed (503 Service Unavailable); retrying in", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Too_many_requests_waits_retry_after_seconds()
    {
        Handler.Enqueue(() =>
        {
            var response = TestHttpMessageHandler.Text(HttpStatusCode.TooManyRequests, "slow down");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
            return response;
        }).Enqueue(() => TestHttpMessageHandler.Json(OnePage));

        var items = await ToListAsync(Client().SearchAsync(Request, Ct));

        Assert.Single(items);
        Assert.Equal([TimeSpan.FromSeconds(2)], Time.Delays);
    }

    [Fact]
    public async Task Too_many_requests_waits_retry_after_http_date_capped()
    {
        var now = Time.GetUtcNow();
        Handler.Enqueue(() =>
        {
            var response = TestHttpMessageHandler.Text(HttpStatusCode.TooManyRequests, "slow down");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(7));
            return response;
        }).Enqueue(() =>
        {
            var response = TestHttpMessageHandler.Text(HttpStatusCode.TooManyRequests, "slow down");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1));
            return response;
        }).Enqueue(() => TestHttpMessageHandler.Json(OnePage));

        var client = Client(configure: o => o with { Resilience = o.Resilience with { MaxRetryAfter = TimeSpan.FromSeconds(90) } });
        var items = await ToListAsync(client.SearchAsync(Request, Ct));

        Assert.Single(items);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(90)], Time.Delays);
    }

    [Fact]
    public async Task Retry_after_on_a_later_search_page_is_waited_and_the_search_goes_on()
    {
        var next = """[{"rel":"next","href":"search","method":"POST","body":{"collections":["sentinel-2-l2a"],"token":"next:sentinel-2-l2a:x"}}]""";
        Handler.Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("first"), next)))
            .Enqueue(() =>
            {
                var response = TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "throttled");
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
                return response;
            }).Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("second"))));

        var items = await ToListAsync(Client().SearchAsync(Request, Ct));

        Assert.Equal(["first", "second"], items.Select(i => i.Id));
        Assert.Equal(3, Handler.Count);
        Assert.Equal(Handler.Requests[1].Body, Handler.Requests[2].Body); // the same page asked for again
        Assert.Equal([TimeSpan.FromSeconds(5)], Time.Delays);
    }

    [Fact]
    public async Task Not_found_fails_at_once_as_permanent()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Json("""{"code":"NotFoundError","description":"Item nope in Collection sentinel-2-l2a does not exist."}""", HttpStatusCode.NotFound, "application/json"));

        var e = await Assert.ThrowsAsync<StacHttpException>(() => Client().GetItemAsync("sentinel-2-l2a", "nope", Ct));

        Assert.Equal(1, Handler.Count);
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal(FailureKind.Permanent, e.Kind);
        Assert.Equal("http_404", e.Reason);
        Assert.Equal(
            "GET https://planetarycomputer.microsoft.com/api/stac/v1/collections/sentinel-2-l2a/items/nope returned HTTP 404 Not Found: {\"code\":\"NotFoundError\",\"description\":\"Item nope in Collection sentinel-2-l2a does not exist.\"}",
            e.Message);
        Assert.Empty(Time.Delays);
    }

    [Fact]
    public async Task Html_bad_gateway_gives_readable_message()
    {
        const string html = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudfront</center></body></html>";
        Handler.Respond(_ => TestHttpMessageHandler.Text(HttpStatusCode.BadGateway, html, "text/html"));

        var client = Client(configure: o => o with { Resilience = o.Resilience with { MaxAttempts = 2 } });
        var e = await Assert.ThrowsAsync<StacHttpException>(() => ToListAsync(client.SearchAsync(Request, Ct)));

        Assert.Equal(2, Handler.Count);
        Assert.Equal(FailureKind.Transient, e.Kind);
        Assert.Equal(HttpStatusCode.BadGateway, e.StatusCode);
        Assert.Equal("POST https://planetarycomputer.microsoft.com/api/stac/v1/search returned HTTP 502 Bad Gateway: 502 Bad Gateway 502 Bad Gateway cloudfront", e.Message);
    }

    [Fact]
    public async Task Invalid_json_is_a_format_error()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Json("{\"type\":\"FeatureCollection\",\"features\":[{\"id\":"));

        var e = await Assert.ThrowsAsync<StacFormatException>(() => ToListAsync(Client().SearchAsync(Request, Ct)));

        Assert.StartsWith("catalog returned invalid JSON from POST https://planetarycomputer.microsoft.com/api/stac/v1/search: ", e.Message);
        Assert.Equal(FailureKind.Permanent, e.Kind);
        Assert.Equal(1, Handler.Count);
    }

    [Fact]
    public async Task Html_with_success_status_is_a_format_error()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Text(HttpStatusCode.OK, "<html><title>Sign in</title><body>Please log in</body></html>", "text/html"));

        var e = await Assert.ThrowsAsync<StacFormatException>(() => ToListAsync(Client().SearchAsync(Request, Ct)));

        Assert.Equal("catalog returned content type 'text/html' instead of JSON from POST https://planetarycomputer.microsoft.com/api/stac/v1/search: Sign in Please log in", e.Message);
    }

    [Fact]
    public async Task Page_that_is_not_a_feature_collection_names_the_url()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Json("""{"type":"Collection"}"""));

        var e = await Assert.ThrowsAsync<StacFormatException>(() => ToListAsync(Client().SearchAsync(Request, Ct)));

        Assert.Equal("catalog page has no 'features' array (not a FeatureCollection) from POST https://planetarycomputer.microsoft.com/api/stac/v1/search", e.Message);
    }

    [Fact]
    public async Task Error_message_redacts_query_and_body_secrets()
    {
        var link = """[{"rel":"next","href":"https://planetarycomputer.microsoft.com/api/stac/v1/search?token=next:abc&sig=SECRET1"}]""";
        Handler.Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("a"), link)))
            .Enqueue(() => TestHttpMessageHandler.Text(HttpStatusCode.Forbidden, "denied for https://blob.test/x.tif?se=2025&sig=SECRET2 key=SECRET3"));

        var e = await Assert.ThrowsAsync<StacHttpException>(() => ToListAsync(Client().SearchAsync(Request, Ct)));

        Assert.Equal(FailureKind.Permanent, e.Kind);
        Assert.DoesNotContain("SECRET", e.Message);
        Assert.Equal("GET https://planetarycomputer.microsoft.com/api/stac/v1/search?<redacted> returned HTTP 403 Forbidden: denied for https://blob.test/x.tif?se=REDACTED&sig=REDACTED key=REDACTED", e.Message);
    }

    [Fact]
    public async Task Network_errors_are_retried_then_transient()
    {
        Handler.Respond(_ => throw new HttpRequestException("Connection refused (planetarycomputer.microsoft.com:443)"));

        var client = Client(configure: o => o with { Resilience = o.Resilience with { MaxAttempts = 3 } });
        var e = await Assert.ThrowsAsync<StacHttpException>(() => ToListAsync(client.SearchAsync(Request, Ct)));

        Assert.Equal(3, Handler.Count);
        Assert.Equal(FailureKind.Transient, e.Kind);
        Assert.Equal("POST https://planetarycomputer.microsoft.com/api/stac/v1/search failed: Connection refused (planetarycomputer.microsoft.com:443)", e.Message);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        using var cts = new CancellationTokenSource();
        Handler.RespondAsync(async (_, token) =>
        {
            await cts.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(20), token);
            return TestHttpMessageHandler.Json(OnePage);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(Client().SearchAsync(Request, cts.Token)));

        Assert.Equal(1, Handler.Count);
    }

    [Fact]
    public async Task Circuit_opens_for_a_failing_host_and_fails_fast()
    {
        Handler.Respond(r => r.Uri.Host == "dead.test"
            ? TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "down")
            : TestHttpMessageHandler.Json(OnePage));
        var client = Client("https://dead.test/v1", o => o with
        {
            Resilience = o.Resilience with { MaxAttempts = 1, BreakerMinimumThroughput = 3, BreakerFailureRatio = 0.5 },
        });

        for (var i = 0; i < 3; i++)
        {
            var failure = await Assert.ThrowsAsync<StacHttpException>(() => ToListAsync(client.SearchAsync(Request, Ct)));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        }

        var open = await Assert.ThrowsAsync<StacHttpException>(() => ToListAsync(client.SearchAsync(Request, Ct)));

        Assert.Equal(3, Handler.Count);
        Assert.True(open.CircuitOpen);
        Assert.Equal(FailureKind.Transient, open.Kind);
        Assert.Equal("circuit_open", open.Reason);
        Assert.Contains("catalog host dead.test is failing repeatedly (circuit open)", open.Message);
        Assert.Contains(Log, l => l.StartsWith("circuit opened for 30 s", StringComparison.Ordinal));

        // Another host has its own breaker: a next link to it still works.
        var other = Client("https://alive.test/v1");
        Assert.Single(await ToListAsync(other.SearchAsync(Request, Ct)));
    }

    [Fact]
    public void Retry_after_reads_delta_and_date()
    {
        var now = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var delta = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        delta.Headers.TryAddWithoutValidation("Retry-After", "2");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", "Wed, 01 Jan 2025 12:00:10 GMT");
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.TryAddWithoutValidation("Retry-After", "Wed, 01 Jan 2025 11:00:00 GMT");
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(2), StacResilience.RetryAfter(delta, now));
        Assert.Equal(TimeSpan.FromSeconds(10), StacResilience.RetryAfter(date, now));
        Assert.Equal(TimeSpan.Zero, StacResilience.RetryAfter(past, now));
        Assert.Null(StacResilience.RetryAfter(none, now));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, FailureKind.Transient)]
    [InlineData(HttpStatusCode.TooManyRequests, FailureKind.Transient)]
    [InlineData(HttpStatusCode.InternalServerError, FailureKind.Transient)]
    [InlineData(HttpStatusCode.GatewayTimeout, FailureKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, FailureKind.Permanent)]
    [InlineData(HttpStatusCode.Forbidden, FailureKind.Permanent)]
    [InlineData(HttpStatusCode.NotFound, FailureKind.Permanent)]
    public void Status_kinds(HttpStatusCode status, FailureKind kind) => Assert.Equal(kind, StacHttpException.KindFor(status));
}
