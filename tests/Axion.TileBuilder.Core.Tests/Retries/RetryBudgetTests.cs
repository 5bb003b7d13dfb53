using Axion.TileBuilder.Retries;
using Microsoft.Extensions.Time.Testing;

namespace Axion.TileBuilder.Core.Tests.Retries;

public sealed class RetryBudgetTests
{
    [Fact]
    public void Retries_are_granted_until_the_count_is_used_up()
    {
        var budget = new RetryBudget(3, TimeSpan.FromMinutes(5), new FakeTimeProvider());

        Assert.True(budget.TryTake());
        Assert.True(budget.TryTake());
        Assert.True(budget.TryTake());
        Assert.False(budget.TryTake());
        Assert.Equal(3, budget.Taken);
    }

    [Fact]
    public void No_retry_is_granted_once_the_time_is_used_up_even_with_retries_left()
    {
        var clock = new FakeTimeProvider();
        var budget = new RetryBudget(10, TimeSpan.FromMinutes(5), clock);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(budget.TryTake());
        Assert.Equal(TimeSpan.FromMinutes(1), budget.Remaining);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(budget.TryTake());
        Assert.Equal(TimeSpan.Zero, budget.Remaining);
        Assert.Equal(1, budget.Taken);
    }

    [Fact]
    public void Concurrent_layers_never_take_more_than_the_budget()
    {
        var budget = new RetryBudget(100, TimeSpan.FromMinutes(5), new FakeTimeProvider());
        var granted = 0;

        Parallel.For(0, 1000, _ =>
        {
            if (budget.TryTake())
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(100, granted);
        Assert.Equal(100, budget.Taken);
    }

    [Fact]
    public async Task The_ambient_budget_flows_into_awaited_calls_and_not_into_other_flows()
    {
        var budget = new RetryBudget(1, TimeSpan.FromMinutes(5), new FakeTimeProvider());
        bool inRow, inRowAgain, outside;

        async Task RowAsync()
        {
            RetryBudget.Current = budget;
            await Task.Yield();
            inRow = RetryBudget.TryTakeAmbient();
            inRowAgain = RetryBudget.TryTakeAmbient();
        }

        inRow = inRowAgain = false;
        await RowAsync();
        outside = RetryBudget.Current is null && RetryBudget.TryTakeAmbient();

        Assert.True(inRow);
        Assert.False(inRowAgain);
        Assert.True(outside);
    }

    [Fact]
    public void Invalid_limits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBudget(-1, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBudget(1, TimeSpan.Zero));
    }
}
