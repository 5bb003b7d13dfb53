using System.Collections.Concurrent;
using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

public sealed class InOrderParallelTests
{
    [Fact]
    public async Task A_slow_first_item_holds_back_the_output_but_never_more_than_window_items()
    {
        const int count = 14;
        const int workers = 3;
        const int window = 6;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ConcurrentQueue<int>();
        var emitted = new List<int>();
        var held = 0;
        var maxHeld = 0;

        var run = InOrderParallel.RunAsync(
            Enumerable.Range(0, count),
            workers,
            window,
            async (i, _) =>
            {
                InterlockedMax(ref maxHeld, Interlocked.Increment(ref held));
                started.Enqueue(i);
                if (i == 0)
                {
                    await first.Task; // the slow first row: everything after it finishes first
                }

                await Task.Yield();
                return i;
            },
            i =>
            {
                emitted.Add(i);
                Interlocked.Decrement(ref held);
            },
            CancellationToken.None);

        var deadline = DateTime.UtcNow.AddMinutes(1); // a hang guard, not a speed check
        while (started.Count < window)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {started.Count} items started");
            await Task.Delay(5);
        }

        await Task.Delay(200); // room for an unbounded implementation to start more
        Assert.Equal(window, started.Count);
        Assert.Empty(emitted);
        first.SetResult();
        await run;

        Assert.Equal(Enumerable.Range(0, count), emitted);
        Assert.Equal(window, maxHeld);
    }

    [Fact]
    public async Task A_failing_item_fails_the_run()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => InOrderParallel.RunAsync(
            Enumerable.Range(0, 5),
            2,
            4,
            (i, _) => i == 3 ? throw new InvalidOperationException("item 3") : ValueTask.FromResult(i),
            _ => { },
            CancellationToken.None));
        Assert.Equal("item 3", ex.Message);
    }

    [Fact]
    public async Task A_first_item_failing_while_the_window_is_full_fails_the_run_instead_of_waiting_for_a_slot()
    {
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = InOrderParallel.RunAsync(
            Enumerable.Range(0, 10),
            2,
            2,
            async (i, _) =>
            {
                if (i == 0)
                {
                    await secondDone.Task; // fails only once item 1 waits in the buffer and the window is full
                    throw new InvalidOperationException("item 0");
                }

                await Task.Yield();
                return i;
            },
            i =>
            {
                if (i == 1)
                {
                    throw new InvalidOperationException("item 1 must not be emitted before item 0");
                }
            },
            CancellationToken.None);

        // Item 1 finishes at once and is held for item 0; then item 0 fails: the producer, waiting for a slot that item 0
        // will never free, must be stopped by the failure.
        await Task.Delay(100);
        secondDone.SetResult();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal("item 0", ex.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
