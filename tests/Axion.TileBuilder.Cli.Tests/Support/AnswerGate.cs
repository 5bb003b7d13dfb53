namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// A <c>LocalCatalogOptions.BeforeAnswer</c> hook that proves an order of requests without timing it: the answers to the
/// requests <paramref name="held"/> selects wait until a request <paramref name="awaited"/> selects has arrived, or until
/// <paramref name="patience"/> has passed. A client that asks for the awaited file only after the held answers leaves every
/// held answer waiting the whole patience, which <see cref="ReleasedByPatience"/> counts.
/// </summary>
/// <param name="held">Paths (no query) whose answers are held.</param>
/// <param name="awaited">Paths (no query) whose arrival releases them; called once per request, in arrival order.</param>
/// <param name="patience">Longest hold.</param>
internal sealed class AnswerGate(Func<string, bool> held, Func<string, bool> awaited, TimeSpan patience)
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _releasedByArrival;
    private int _releasedByPatience;

    /// <summary>Held answers sent because an awaited request arrived.</summary>
    public int ReleasedByArrival => Volatile.Read(ref _releasedByArrival);

    /// <summary>Held answers sent because no awaited request came within the patience.</summary>
    public int ReleasedByPatience => Volatile.Read(ref _releasedByPatience);

    /// <summary>The hook: pass it as <c>BeforeAnswer</c>.</summary>
    public async Task BeforeAnswer(string path, CancellationToken cancellationToken)
    {
        if (awaited(path))
        {
            _arrived.TrySetResult();
        }
        else if (held(path))
        {
            try
            {
                await _arrived.Task.WaitAsync(patience, cancellationToken);
                Interlocked.Increment(ref _releasedByArrival);
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref _releasedByPatience);
            }
        }
    }
}
