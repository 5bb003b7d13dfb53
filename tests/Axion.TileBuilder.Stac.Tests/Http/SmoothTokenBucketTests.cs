using System.Threading.RateLimiting;
using Axion.TileBuilder.Stac.Http;
using Microsoft.Extensions.Time.Testing;

namespace Axion.TileBuilder.Stac.Tests.Http;

/// <summary>
/// The bucket of <c>--max-stac-rps</c> on a fake clock (<see cref="FakeTimeProvider"/>, moved by the test; its timers
/// fire inside <see cref="FakeTimeProvider.Advance"/>, and a granted permit completes its waiter there): the tests count
/// permits granted at each moment of the fake clock, never wall-clock time.
/// </summary>
public sealed class SmoothTokenBucketTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData(10, 10)]
    [InlineData(3, 3)]
    [InlineData(0.5, 1)]
    [InlineData(10, 1)]
    public void Sustained_requests_get_the_burst_at_once_then_exactly_the_rate_never_more(double rps, int burst)
    {
        var time = new FakeTimeProvider();
        using var bucket = new SmoothTokenBucket(rps, burst, time);
        const int Seconds = 20;
        var waiting = Enumerable.Range(0, burst + (int)(rps * Seconds) + 50).Select(_ => bucket.AcquireAsync(1, Ct).AsTask()).ToList();
        var step = TimeSpan.FromMilliseconds(10);

        Assert.Equal(burst, Granted(waiting)); // a full bucket: no wait
        for (var elapsed = step; elapsed <= TimeSpan.FromSeconds(Seconds); elapsed += step)
        {
            time.Advance(step);
            var allowed = burst + (int)Math.Floor((rps * elapsed.TotalSeconds) + 1e-9);
            Assert.True(allowed == Granted(waiting), $"after {elapsed}: {Granted(waiting)} granted, the cap allows {allowed}"); // at most, and no permit left idle
        }

        Assert.Equal(50, waiting.Count(t => !t.IsCompleted));
        Assert.Equal(50, bucket.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public void A_bucket_left_idle_refills_to_the_burst_and_no_further()
    {
        var time = new FakeTimeProvider();
        using var bucket = new SmoothTokenBucket(10, 10, time);
        Assert.Equal(10, Enumerable.Range(0, 10).Count(_ => bucket.AttemptAcquire().IsAcquired));
        Assert.False(bucket.AttemptAcquire().IsAcquired);

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(10, Enumerable.Range(0, 11).Count(_ => bucket.AttemptAcquire().IsAcquired));
    }

    [Fact]
    public async Task Waiters_are_served_first_in_first_out_and_a_later_caller_does_not_overtake_them()
    {
        var time = new FakeTimeProvider();
        using var bucket = new SmoothTokenBucket(1, 1, time);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        var first = bucket.AcquireAsync(1, Ct).AsTask();
        var second = bucket.AcquireAsync(1, Ct).AsTask();

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(bucket.AttemptAcquire().IsAcquired); // the permit went to the queue's head, not to this caller

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True((await first).IsAcquired);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(second.IsCompletedSuccessfully);
        Assert.True((await second).IsAcquired);
    }

    [Fact]
    public async Task A_waiter_cancelled_in_the_queue_takes_no_permit_from_the_one_behind_it()
    {
        var time = new FakeTimeProvider();
        using var bucket = new SmoothTokenBucket(1, 1, time);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        using var cancel = new CancellationTokenSource();
        var first = bucket.AcquireAsync(1, cancel.Token).AsTask();
        var second = bucket.AcquireAsync(1, Ct).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(second.IsCompletedSuccessfully);
        Assert.True((await second).IsAcquired);
        Assert.Equal(0, bucket.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task Disposing_the_bucket_fails_its_waiters_instead_of_leaving_them_hanging()
    {
        var time = new FakeTimeProvider();
        var bucket = new SmoothTokenBucket(1, 1, time);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        var waiting = bucket.AcquireAsync(1, Ct).AsTask();

        bucket.Dispose();

        Assert.False((await waiting).IsAcquired);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(10, 0)]
    public void A_rate_or_burst_out_of_range_is_refused(double rps, int burst) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmoothTokenBucket(rps, burst, new FakeTimeProvider()));

    private static int Granted(IEnumerable<Task<RateLimitLease>> waiting) => waiting.Count(t => t.IsCompletedSuccessfully && t.Result.IsAcquired);
}
