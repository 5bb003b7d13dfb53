using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Retries;
using Microsoft.Extensions.Time.Testing;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

/// <summary>The row's retry budget and hard time limit, on a fake clock (no wall-clock timing).</summary>
public sealed class RowAttemptTests
{
    private static readonly LocationRow Row = new("R1", 2, 48.1, 11.5, null, null, null, null, null);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private RowAttempt Attempt(int maxRetries = 12, double retryMinutes = 5, double timeoutMinutes = 15) => new(
        new RowAttemptPolicy
        {
            MaxRetries = maxRetries,
            RetryTime = TimeSpan.FromMinutes(retryMinutes),
            RowTimeout = TimeSpan.FromMinutes(timeoutMinutes),
            RetryPause = TimeSpan.Zero,
            Time = _time,
        },
        Serilog.Core.Logger.None);

    [Fact]
    public void The_documented_defaults_are_12_retries_5_minutes_and_a_15_minute_row_limit()
    {
        Assert.Equal(12, RowAttemptPolicy.Default.MaxRetries);
        Assert.Equal(TimeSpan.FromMinutes(5), RowAttemptPolicy.Default.RetryTime);
        Assert.Equal(TimeSpan.FromMinutes(15), RowAttemptPolicy.Default.RowTimeout);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_as_a_whole_row_until_the_retry_count_is_used()
    {
        var attempts = 0;
        var cleanups = 0;

        await Assert.ThrowsAsync<HttpRequestException>(() => Attempt(maxRetries: 12).RunAsync(
            Row,
            (_, _) =>
            {
                attempts++;
                throw new HttpRequestException("503");
            },
            () => cleanups++,
            CancellationToken.None));

        Assert.Equal(13, attempts);
        Assert.Equal(12, cleanups);
    }

    [Fact]
    public async Task Retries_of_the_layers_below_and_of_the_row_come_from_one_budget()
    {
        var attempts = 0;
        var budgets = new HashSet<RetryBudget>();

        await Assert.ThrowsAsync<AxionException>(() => Attempt(maxRetries: 12).RunAsync(
            Row,
            (_, _) =>
            {
                attempts++;
                budgets.Add(RetryBudget.Current!);

                // A request layer below retries three times from the ambient budget, then gives up.
                for (var i = 0; i < 3 && RetryBudget.TryTakeAmbient(); i++)
                {
                }

                throw new AxionException(FailureKind.Transient, "catalog timed out");
            },
            () => { },
            CancellationToken.None));

        // 3 + 1 + 3 + 1 + 3 + 1 = 12: the fourth attempt finds the budget used up, as does its row retry.
        Assert.Equal(4, attempts);
        var budget = Assert.Single(budgets);
        Assert.Equal(12, budget.Taken);
        Assert.Null(RetryBudget.Current);
    }

    [Fact]
    public async Task No_row_retry_starts_after_the_retry_time_is_used()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<HttpRequestException>(() => Attempt(maxRetries: 100, retryMinutes: 5).RunAsync(
            Row,
            (_, _) =>
            {
                attempts++;
                _time.Advance(TimeSpan.FromMinutes(2));
                throw new HttpRequestException("slow 503");
            },
            () => { },
            CancellationToken.None));

        // Retries start at 2 and 4 minutes; at 6 minutes the 5 minutes are used.
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried()
    {
        var attempts = 0;

        var ex = await Assert.ThrowsAsync<AxionException>(() => Attempt().RunAsync(
            Row,
            (_, _) =>
            {
                attempts++;
                throw new AxionException(FailureKind.Permanent, "404");
            },
            () => { },
            CancellationToken.None));

        Assert.Equal(FailureKind.Permanent, ex.Kind);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_row_that_hangs_fails_row_timeout_when_its_time_limit_passes()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Attempt(timeoutMinutes: 15).RunAsync(
            Row,
            async (_, ct) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            },
            () => { },
            CancellationToken.None);
        await started.Task;

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromMinutes(1));

        var ex = await Assert.ThrowsAsync<RowTimeoutException>(() => run);
        Assert.Equal("row_timeout", ex.Reason);
        Assert.Equal(FailureKind.Transient, ex.Kind);
        Assert.Contains("R1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("15 minutes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_batch_is_not_a_timeout()
    {
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Attempt().RunAsync(
            Row,
            async (_, ct) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return null!;
            },
            () => { },
            cancel.Token);
        await started.Task;

        await cancel.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancel.Token, ex.CancellationToken);
    }
}
