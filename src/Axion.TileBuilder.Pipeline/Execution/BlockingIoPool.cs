using System.Collections.Concurrent;

namespace Axion.TileBuilder.Pipeline.Execution;

/// <summary>
/// A fixed set of dedicated threads for blocking native calls (GDAL window reads over HTTP).
/// Blocking GDAL calls would starve the shared thread pool that the async STAC and token
/// requests need; here they wait on threads of their own, at most <see cref="Size"/> at once.
/// </summary>
public sealed class BlockingIoPool : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;

    /// <param name="size">Number of threads (concurrent blocking calls), at least 1.</param>
    /// <param name="name">Thread name prefix (shows in debuggers and dumps).</param>
    public BlockingIoPool(int size, string name = "axion-io")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _threads = new Thread[size];
        for (var i = 0; i < size; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{name}-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Number of dedicated threads.</summary>
    public int Size { get; }

    /// <summary>Runs <paramref name="work"/> on one of the pool's threads.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                completion.TrySetResult(work());
            }
#pragma warning disable CA1031 // The exception is handed to the awaiting caller.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                completion.TrySetException(ex);
            }
        });
        return completion.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(30));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item();
        }
    }
}
