using System.Net;
using System.Net.Http.Headers;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Stac.Http;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Signing;
using Axion.TileBuilder.Stac.Tests.Fakes;

namespace Axion.TileBuilder.Stac.Tests.Signing;

public sealed class PlanetaryComputerSignerTests : IDisposable
{
    private const string Href = "https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/53/N/KG/2025/03/12/B04_10m.tif";
    private readonly TestHttpMessageHandler _handler = new();
    private readonly ManualTimeProvider _time = new();
    private readonly List<string> _log = [];
    private readonly HttpClient _http;
    private int _issued;

    public PlanetaryComputerSignerTests() => _http = _handler.CreateClient();

    private static CancellationToken Ct => CancellationToken.None;

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    /// <summary>Default retries with request timeouts the manual clock holds (they never fire).</summary>
    internal static StacResilienceOptions HeldTimeouts => new()
    {
        HeadersTimeout = ManualTimeProvider.HeldTimeout,
        BodyTimeout = ManualTimeProvider.HeldTimeout,
        TotalTimeout = ManualTimeProvider.HeldTimeout,
    };

    private PlanetaryComputerSigner Signer(Func<PlanetaryComputerSignerOptions, PlanetaryComputerSignerOptions>? configure = null)
    {
        var options = new PlanetaryComputerSignerOptions
        {
            TimeProvider = _time,
            Resilience = HeldTimeouts,
            Log = line =>
            {
                lock (_log)
                {
                    _log.Add(line);
                }
            },
        };
        return new PlanetaryComputerSigner(_http, configure is null ? options : configure(options));
    }

    /// <summary>A token response whose token is numbered, expiring <paramref name="lifetime"/> from the fake now.</summary>
    private HttpResponseMessage Token(TimeSpan? lifetime)
    {
        var n = Interlocked.Increment(ref _issued);
        var expiry = lifetime is { } l ? "\"msft:expiry\":\"" + (_time.GetUtcNow() + l).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "\"," : string.Empty;
        return TestHttpMessageHandler.Json("{" + expiry + "\"token\":\"st=2025&se=2025&sp=rl&sv=2021-06-08&sr=c&sig=SIGNATURE" + n + "%3D\"}", HttpStatusCode.OK, "application/json");
    }

    private static string Signed(int n) => Href + "?st=2025&se=2025&sp=rl&sv=2021-06-08&sr=c&sig=SIGNATURE" + n + "%3D";

    [Fact]
    public async Task Fifty_concurrent_signs_share_one_token_request()
    {
        _handler.RespondAsync(async (_, token) =>
        {
            await Task.Delay(30, token);
            return Token(TimeSpan.FromMinutes(45));
        });
        using var signer = Signer();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => signer.SignAsync(Href, "sentinel-2-l2a", Ct).AsTask())));

        Assert.Equal(1, _handler.Count);
        Assert.All(results, r => Assert.Equal(Signed(1), r));
        var request = _handler.Requests[0];
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://planetarycomputer.microsoft.com/api/sas/v1/token/sentinel-2-l2a", request.Uri.AbsoluteUri);
        Assert.Null(request.Header("Ocp-Apim-Subscription-Key"));
    }

    [Fact]
    public async Task One_token_per_collection()
    {
        _handler.Respond(_ => Token(TimeSpan.FromMinutes(45)));
        using var signer = Signer();

        var s2 = await signer.SignAsync(Href, "sentinel-2-l2a", Ct);
        var s1 = await signer.SignAsync(Href, "sentinel-1-rtc", Ct);
        var s2Again = await signer.SignAsync(Href + "?x=1", "sentinel-2-l2a", Ct);

        Assert.Equal(Signed(1), s2);
        Assert.Equal(Signed(2), s1);
        Assert.Equal(Href + "?x=1&st=2025&se=2025&sp=rl&sv=2021-06-08&sr=c&sig=SIGNATURE1%3D", s2Again);
        Assert.Equal(["sentinel-2-l2a", "sentinel-1-rtc"], _handler.Requests.Select(r => r.Uri.Segments[^1]));
    }

    [Fact]
    public async Task Token_is_refreshed_before_expiry()
    {
        _handler.Respond(_ => Token(TimeSpan.FromMinutes(10)));
        using var signer = Signer();

        Assert.Equal(Signed(1), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), signer.ExpiryOf("c"));
        _time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        Assert.Equal(Signed(1), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(1, _handler.Count);

        // Inside the 5-minute margin: a new token although the old one is still valid.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(Signed(2), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(2, _handler.Count);
    }

    [Fact]
    public async Task Refresh_margin_is_at_least_sixty_seconds()
    {
        _handler.Respond(_ => Token(TimeSpan.FromMinutes(2)));
        using var signer = Signer(o => o with { RefreshMargin = TimeSpan.FromSeconds(5) });

        await signer.SignAsync(Href, "c", Ct);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(Signed(1), await signer.SignAsync(Href, "c", Ct));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(Signed(2), await signer.SignAsync(Href, "c", Ct));
    }

    [Fact]
    public async Task Missing_expiry_assumes_thirty_minutes()
    {
        _handler.Respond(_ => Token(null));
        using var signer = Signer();

        await signer.SignAsync(Href, "c", Ct);
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), signer.ExpiryOf("c"));
        _time.Advance(TimeSpan.FromMinutes(24));
        await signer.SignAsync(Href, "c", Ct);
        Assert.Equal(1, _handler.Count);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(Signed(2), await signer.SignAsync(Href, "c", Ct));
        Assert.Contains(_log, l => l.Contains("(assumed)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalidate_forces_a_new_token()
    {
        _handler.Respond(_ => Token(TimeSpan.FromMinutes(45)));
        using var signer = Signer();

        Assert.Equal(Signed(1), await signer.SignAsync(Href, "c", Ct));
        signer.Invalidate("c");
        signer.Invalidate("never-used");
        Assert.Equal(Signed(2), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(Signed(2), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(2, _handler.Count);
    }

    [Fact]
    public async Task Reads_rejected_with_an_earlier_token_do_not_invalidate_its_replacement()
    {
        _handler.Respond(_ => Token(TimeSpan.FromMinutes(45)));
        using var signer = Signer();
        var first = await signer.SignAsync(Href, "c", Ct);

        // Eight workers' reads signed with token 1 are rejected: the first invalidation refreshes, the late ones do not.
        signer.Invalidate("c", first);
        Assert.Equal(Signed(2), await signer.SignAsync(Href, "c", Ct));
        for (var i = 0; i < 7; i++)
        {
            signer.Invalidate("c", first);
        }

        Assert.Equal(Signed(2), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(2, _handler.Count);

        // Token 2 itself rejected: refreshed again.
        signer.Invalidate("c", Signed(2));
        Assert.Equal(Signed(3), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(3, _handler.Count);
        Assert.Contains(_log, l => l.Contains("kept: the rejected read carried an earlier token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Href + "?st=2025&se=2025-01-01&sp=rl&sig=abc")]
    [InlineData(Href + "?SE=2025&SIG=abc")]
    public async Task Already_signed_hrefs_are_untouched(string href)
    {
        using var signer = Signer();

        Assert.Equal(href, await signer.SignAsync(href, "c", Ct));
        Assert.Equal(0, _handler.Count);
        Assert.True(PlanetaryComputerSigner.IsSigned(href));
    }

    [Theory]
    [InlineData(Href)]
    [InlineData(Href + "?sig=only")]
    [InlineData(Href + "?base=1&design=2")]
    public void Unsigned_hrefs_are_recognised(string href) => Assert.False(PlanetaryComputerSigner.IsSigned(href));

    [Fact]
    public async Task Subscription_key_header_is_sent_and_endpoint_is_configurable()
    {
        _handler.Respond(_ => Token(TimeSpan.FromMinutes(45)));
        using var signer = Signer(o => o with { SubscriptionKey = "my-key-123", TokenEndpoint = new Uri("https://pc.test/api/sas/v1/token/") });

        await signer.SignAsync(Href, "sentinel-1-rtc", Ct);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("my-key-123", request.Header("Ocp-Apim-Subscription-Key"));
        Assert.Equal("https://pc.test/api/sas/v1/token/sentinel-1-rtc", request.Uri.AbsoluteUri);
        Assert.DoesNotContain(_log, l => l.Contains("my-key-123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rate_limit_honours_retry_after()
    {
        _handler.Enqueue(() =>
        {
            var response = TestHttpMessageHandler.Text(HttpStatusCode.TooManyRequests, "rate limited");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
            return response;
        }).Respond(_ => Token(TimeSpan.FromMinutes(45)));
        using var signer = Signer();

        Assert.Equal(Signed(1), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(2, _handler.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], _time.Delays);
    }

    [Fact]
    public async Task Rate_limit_retry_after_as_a_date_is_waited_up_to_the_cap()
    {
        var now = _time.GetUtcNow();
        _handler.Enqueue(() =>
        {
            var response = TestHttpMessageHandler.Text(HttpStatusCode.TooManyRequests, "rate limited");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(8));
            return response;
        }).Enqueue(() =>
        {
            var response = TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "busy");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(2));
            return response;
        }).Respond(_ => Token(TimeSpan.FromMinutes(45)));
        using var signer = Signer(o => o with { Resilience = o.Resilience with { MaxRetryAfter = TimeSpan.FromSeconds(60) } });

        Assert.Equal(Signed(1), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(3, _handler.Count);
        Assert.Equal([TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(60)], _time.Delays);
    }

    [Fact]
    public async Task Tokens_never_appear_in_messages_or_logs()
    {
        _handler.Enqueue(() => Token(TimeSpan.FromMinutes(45)))
            .Respond(r => TestHttpMessageHandler.Text(HttpStatusCode.InternalServerError, "token st=2025&se=2025&sig=SIGNATURE1%3D was revoked; {\"token\":\"st=1&sig=SIGNATURE1\"}"));
        using var signer = Signer(o => o with { Resilience = o.Resilience with { MaxAttempts = 2 } });

        var signed = await signer.SignAsync(Href, "c", Ct);
        Assert.Contains("SIGNATURE1", signed);
        signer.Invalidate("c");
        var e = await Assert.ThrowsAsync<StacHttpException>(() => signer.SignAsync(Href, "c", Ct).AsTask());

        Assert.Equal(FailureKind.Transient, e.Kind);
        Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.StartsWith("GET https://planetarycomputer.microsoft.com/api/sas/v1/token/c returned HTTP 500 Internal Server Error: ", e.Message);
        Assert.DoesNotContain("SIGNATURE1", e.Message);
        Assert.DoesNotContain("SIGNATURE1", e.ToString());
        Assert.NotEmpty(_log);
        Assert.DoesNotContain(_log, l => l.Contains("SIGNATURE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Network_failure_message_has_no_token()
    {
        _handler.Enqueue(() => Token(TimeSpan.FromMinutes(45)))
            .Respond(_ => throw new HttpRequestException("SSL failure for https://x.blob.core.windows.net/c/a.tif?se=2025&sig=SIGNATURE1"));
        using var signer = Signer(o => o with { Resilience = o.Resilience with { MaxAttempts = 1 } });

        await signer.SignAsync(Href, "c", Ct);
        signer.Invalidate("c");
        var e = await Assert.ThrowsAsync<StacHttpException>(() => signer.SignAsync(Href, "c", Ct).AsTask());

        Assert.DoesNotContain("SIGNATURE1", e.Message);
        Assert.Contains("sig=REDACTED", e.Message);
    }

    [Fact]
    public async Task Failed_scheduled_refresh_keeps_the_valid_token_but_not_after_invalidate()
    {
        _handler.Enqueue(() => Token(TimeSpan.FromMinutes(10)))
            .Respond(_ => TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "down"));
        using var signer = Signer(o => o with { Resilience = o.Resilience with { MaxAttempts = 1 } });

        await signer.SignAsync(Href, "c", Ct);
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(Signed(1), await signer.SignAsync(Href, "c", Ct));
        Assert.Equal(2, _handler.Count);
        Assert.Contains(_log, l => l.Contains("refresh for collection 'c' failed", StringComparison.Ordinal) && !l.Contains("SIGNATURE", StringComparison.Ordinal));

        // Within the last minute the old token is no longer good enough.
        _time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<StacHttpException>(() => signer.SignAsync(Href, "c", Ct).AsTask());

        signer.Invalidate("c");
        await Assert.ThrowsAsync<StacHttpException>(() => signer.SignAsync(Href, "c", Ct).AsTask());
    }

    [Fact]
    public async Task Invalidated_token_is_not_reused_when_refresh_fails()
    {
        _handler.Enqueue(() => Token(TimeSpan.FromMinutes(45)))
            .Respond(_ => TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "down"));
        using var signer = Signer(o => o with { Resilience = o.Resilience with { MaxAttempts = 1 } });

        await signer.SignAsync(Href, "c", Ct);
        signer.Invalidate("c");

        await Assert.ThrowsAsync<StacHttpException>(() => signer.SignAsync(Href, "c", Ct).AsTask());
    }

    [Fact]
    public async Task Response_without_token_is_a_format_error()
    {
        _handler.Respond(_ => TestHttpMessageHandler.Json("""{"msft:expiry":"2025-03-12T11:00:00Z"}""", HttpStatusCode.OK, "application/json"));
        using var signer = Signer();

        var e = await Assert.ThrowsAsync<StacFormatException>(() => signer.SignAsync(Href, "sentinel-2-l2a", Ct).AsTask());

        Assert.Equal("token endpoint returned no 'token' for collection 'sentinel-2-l2a'", e.Message);
    }

    [Fact]
    public async Task Documented_token_response_is_understood()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2021, 4, 8, 17, 50, 0, TimeSpan.Zero));
        _handler.Respond(_ => TestHttpMessageHandler.Json(Fixture.Text("planetary-computer-sas-token-response-docs-example.json"), HttpStatusCode.OK, "application/json"));
        using var signer = new PlanetaryComputerSigner(_http, new PlanetaryComputerSignerOptions { TimeProvider = time, Resilience = HeldTimeouts });

        var signed = await signer.SignAsync(Href, "sentinel-2-l2a", Ct);

        Assert.StartsWith(Href + "?se=2021-04-08T18%3A49%3A29Z&sp=rl&sv=2020-02-10&sr=c&skoid=", signed);
        Assert.EndsWith("&sig=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb%3D", signed);
        Assert.True(PlanetaryComputerSigner.IsSigned(signed));
        Assert.Equal(new DateTimeOffset(2021, 4, 8, 18, 49, 29, TimeSpan.Zero), signer.ExpiryOf("sentinel-2-l2a"));
    }

    [Fact]
    public async Task No_signing_returns_href()
    {
        Assert.Equal(Href, await NoSigning.Instance.SignAsync(Href, "c", Ct));
        NoSigning.Instance.Invalidate("c");
    }
}
