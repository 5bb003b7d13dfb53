using System.Runtime.CompilerServices;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// Runs work items in parallel and hands their results out one at a time in input order, holding at most
/// <c>window</c> results that finished early (a bounded reorder buffer): a slow item delays the output, never
/// the memory. Items are started in input order; item <c>i + window</c> starts only once item <c>i</c> has been
/// handed out, so at most <c>window</c> items are in flight or waiting, whatever the input's length.
/// </summary>
public static class InOrderParallel
{
    /// <summary>Runs <paramref name="work"/> on every item, <paramref name="workers"/> at a time, calling <paramref name="emit"/> in input order.</summary>
    /// <param name="items">The input, enumerated once, lazily (one item ahead of the slowest unfinished one at most <paramref name="window"/>).</param>
    /// <param name="workers">Items processed at the same time, &gt;= 1.</param>
    /// <param name="window">Items started but not yet handed out, at most; &gt;= <paramref name="workers"/>.</param>
    /// <param name="work">The work of one item.</param>
    /// <param name="emit">Receives each result in input order, one call at a time (never concurrently).</param>
    /// <param name="cancellationToken">Stops starting items; the work receives it.</param>
    public static async Task RunAsync<TIn, TOut>(
        IEnumerable<TIn> items,
        int workers,
        int window,
        Func<TIn, CancellationToken, ValueTask<TOut>> work,
        Action<TOut> emit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(emit);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, workers);

        using var slots = new SemaphoreSlim(window, window);
        var finished = new Dictionary<long, TOut>();
        var gate = new object();
        long next = 0;

        void Deposit(long sequence, TOut result)
        {
            lock (gate)
            {
                finished.Add(sequence, result);
                while (finished.Remove(next, out var ready))
                {
                    emit(ready);
                    next++;
                    slots.Release();
                }
            }
        }

        await Parallel.ForEachAsync(
            Numbered(items, slots, cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
            async (item, ct) => Deposit(item.Sequence, await work(item.Value, ct)));
    }

    /// <summary>The items with their position, each taken only when a slot is free (slots are taken in input order).</summary>
    private static async IAsyncEnumerable<(long Sequence, TIn Value)> Numbered<TIn>(
        IEnumerable<TIn> items,
        SemaphoreSlim slots,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long sequence = 0;
        foreach (var item in items)
        {
            await slots.WaitAsync(cancellationToken);
            yield return (sequence++, item);
        }
    }
}
