using System.Net;
using System.Net.Http.Headers;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Retries;
using Axion.TileBuilder.Stac.Http;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Signing;
using Axion.TileBuilder.Stac.Tests.Fakes;
using Axion.TileBuilder.Stac.Tests.Search;
using Axion.TileBuilder.Stac.Tests.Signing;

namespace Axion.TileBuilder.Stac.Tests.Http;

/// <summary>
/// A catalog or token request that never answers fails within its documented bound (fake clock), and every retry is
/// taken from the row's ambient <see cref="RetryBudget"/>: when that is used up, no layer retries.
/// </summary>
public sealed class RetryBoundsTests : StacClientTestBase
{
    private static readonly StacSearchRequest Request = new() { Collections = ["sentinel-2-l2a"] };
    /// <summary>Real time allowed for the code under test to arm its next timer (a hang guard, not a timing assert).</summary>
    private static readonly TimeSpan Wall = TimeSpan.FromSeconds(30);
    private readonly SteppingTimeProvider _clock = new();

    [Fact]
    public async Task Search_that_never_answers_fails_after_four_attempts_within_the_total_cap()
    {
        Handler.RespondAsync(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var defaults = new StacResilienceOptions();
        var client = new StacClient(Http, new StacClientOptions(new Uri(PcRoot)) { Resilience = defaults with { TimeProvider = _clock, UseJitter = false } });

        var search = ToListAsync(client.SearchAsync(Request, Ct));

        // Each attempt waits 20 s for headers, then backs off 1, 2, 4 s (no jitter): the clock moves only when the
        // client waits on exactly that timer.
        TimeSpan[] backoffs = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await _clock.WaitForTimerAsync(defaults.HeadersTimeout, Wall);
            _clock.Advance(defaults.HeadersTimeout);
            if (attempt < backoffs.Length)
            {
                await _clock.WaitForTimerAsync(backoffs[attempt], Wall);
                _clock.Advance(backoffs[attempt]);
            }
        }

        var e = await Assert.ThrowsAsync<StacHttpException>(() => search);
        Assert.Equal(FailureKind.Transient, e.Kind);
        Assert.Equal("POST https://planetarycomputer.microsoft.com/api/stac/v1/search timed out: no response within 20 s (4 attempt(s))", e.Message);
        Assert.Equal(4, Handler.Count);
        // 4 x 20 s waiting for headers + 1 + 2 + 4 s of backoff, within the documented bound: the total cap of 2 min.
        Assert.Equal(TimeSpan.FromSeconds(87), _clock.Elapsed);
        Assert.True(_clock.Elapsed <= defaults.TotalTimeout);
    }

    [Fact]
    public async Task Long_retry_after_waits_are_cut_by_the_total_cap()
    {
        Handler.Respond(_ =>
        {
            var response = TestHttpMessageHandler.Text(HttpStatusCode.TooManyRequests, "slow down");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(100));
            return response;
        });
        var client = new StacClient(Http, new StacClientOptions(new Uri(PcRoot)) { Resilience = new StacResilienceOptions { TimeProvider = _clock } });

        var search = ToListAsync(client.SearchAsync(Request, Ct));

        // Waits of 100 s each: the second would end at 200 s, but the request's 120 s cap ends it.
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(100), Wall);
        _clock.Advance(TimeSpan.FromSeconds(100));
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(100), Wall);
        _clock.Advance(TimeSpan.FromSeconds(20));

        var e = await Assert.ThrowsAsync<StacHttpException>(() => search);
        Assert.Equal("POST https://planetarycomputer.microsoft.com/api/stac/v1/search gave up after 120 s, the time cap of one request (2 attempt(s))", e.Message);
        Assert.Equal(2, Handler.Count);
        Assert.Equal(TimeSpan.FromSeconds(120), _clock.Elapsed);
    }

    [Fact]
    public async Task Used_up_row_budget_stops_search_retries_at_once()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "busy"));
        var budget = new RetryBudget(maxRetries: 0, TimeSpan.FromMinutes(10), Time);

        var e = await WithBudgetAsync(budget, () => ToListAsync(Client().SearchAsync(Request, Ct)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, Assert.IsType<StacHttpException>(e).StatusCode);
        Assert.Equal(1, Handler.Count); // MaxAttempts is 5: without the budget 5 requests
        Assert.Contains(Log, l => l.Contains("not retrying: the row's retry budget is used up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_retries_take_from_the_row_budget_until_it_is_used_up()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "busy"));
        var budget = new RetryBudget(maxRetries: 2, TimeSpan.FromMinutes(10), Time);

        await WithBudgetAsync(budget, () => ToListAsync(Client().SearchAsync(Request, Ct)));

        Assert.Equal(3, Handler.Count);
        Assert.Equal(2, budget.Taken);
    }

    [Fact]
    public async Task Used_up_row_budget_stops_token_retries_at_once()
    {
        Handler.Respond(_ => TestHttpMessageHandler.Text(HttpStatusCode.ServiceUnavailable, "busy"));
        using var signer = new PlanetaryComputerSigner(Http, new PlanetaryComputerSignerOptions { TimeProvider = Time, Resilience = PlanetaryComputerSignerTests.HeldTimeouts });
        var budget = new RetryBudget(maxRetries: 0, TimeSpan.FromMinutes(10), Time);

        var e = await WithBudgetAsync(budget, () => signer.SignAsync("https://a.blob.core.windows.net/c/x.tif", "sentinel-2-l2a", Ct).AsTask());

        Assert.IsType<StacHttpException>(e);
        Assert.Equal(1, Handler.Count); // 4 attempts without the budget
    }

    /// <summary>Runs <paramref name="work"/> as a row would, with <paramref name="budget"/> ambient; returns what it threw.</summary>
    private static async Task<Exception> WithBudgetAsync(RetryBudget budget, Func<Task> work)
    {
        RetryBudget.Current = budget;
        try
        {
            return await Assert.ThrowsAnyAsync<Exception>(work);
        }
        finally
        {
            RetryBudget.Current = null;
        }
    }
}
