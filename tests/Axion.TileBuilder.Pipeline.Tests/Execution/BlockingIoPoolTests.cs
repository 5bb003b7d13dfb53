using Axion.TileBuilder.Pipeline.Execution;

namespace Axion.TileBuilder.Pipeline.Tests.Execution;

public class BlockingIoPoolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Runs_work_on_its_own_named_threads()
    {
        using var pool = new BlockingIoPool(2, "pool-test");

        var seen = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => pool.RunAsync(
            () => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.IsBackground, Environment.CurrentManagedThreadId),
            CancellationToken.None)));

        Assert.Equal(2, pool.Size);
        Assert.All(seen, s =>
        {
            Assert.Contains(s.Name, new[] { "pool-test-0", "pool-test-1" });
            Assert.False(s.IsThreadPoolThread);
            Assert.True(s.IsBackground);
        });
        Assert.InRange(seen.Select(s => s.CurrentManagedThreadId).Distinct().Count(), 1, 2);
    }

    [Fact]
    public async Task Runs_at_most_size_items_at_once_and_uses_all_threads()
    {
        const int size = 3;
        using var pool = new BlockingIoPool(size, "pool-limit");
        using var allBusy = new CountdownEvent(size);
        var current = 0;
        var max = 0;
        var started = 0;

        int Work(int i)
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while ((seen = Volatile.Read(ref max)) < now && Interlocked.CompareExchange(ref max, now, seen) != seen)
            {
            }

            // The first `size` items wait until all of them run at once: proves `size` threads exist.
            if (Interlocked.Increment(ref started) <= size)
            {
                allBusy.Signal();
                Assert.True(allBusy.Wait(Timeout));
            }

            Thread.Sleep(15);
            Interlocked.Decrement(ref current);
            return i * 2;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => pool.RunAsync(() => Work(i), CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 2), results);
        Assert.Equal(size, max);
        Assert.Equal(0, current);
    }

    [Fact]
    public async Task Propagates_exceptions_and_keeps_working()
    {
        using var pool = new BlockingIoPool(1, "pool-error");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => pool.RunAsync<int>(() => throw new InvalidOperationException("boom 42"), CancellationToken.None));

        Assert.Equal("boom 42", ex.Message);
        Assert.Equal(7, await pool.RunAsync(() => 7, CancellationToken.None));
    }

    [Fact]
    public void Pre_cancelled_token_throws_without_running_the_work()
    {
        using var pool = new BlockingIoPool(1, "pool-cancel");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var ran = false;

        Assert.ThrowsAny<OperationCanceledException>(() => pool.RunAsync(() => ran = true, cts.Token).GetAwaiter().GetResult());

        Assert.False(ran);
    }

    [Fact]
    public async Task Work_cancelled_while_queued_is_not_run()
    {
        using var pool = new BlockingIoPool(1, "pool-queued");
        using var gate = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        var ran = false;
        var blocker = pool.RunAsync(() => gate.Wait(Timeout), CancellationToken.None);
        var queued = pool.RunAsync(() => ran = true, cts.Token);

        await cts.CancelAsync();
        gate.Set();

        Assert.True(await blocker);
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.False(ran);
        Assert.True(queued.IsCanceled);
    }

    [Fact]
    public void Size_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockingIoPool(0));
    }
}
