namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The start jitter of a batch: after the journal is ready and before any row is claimed (so before the first catalog
/// request, and without counting against any row's time limits), wait <see cref="BatchRequest.StartJitter"/> on
/// <see cref="BatchRequest.Clock"/>. Ctrl+C or SIGTERM ends the wait at once.
/// </summary>
internal static class BatchStart
{
    /// <summary>Waits the request's start jitter (returns at once when it is zero).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired during the wait.</exception>
    public static Task WaitAsync(BatchRequest request, CancellationToken cancellationToken) =>
        request.StartJitter > TimeSpan.Zero
            ? Task.Delay(request.StartJitter, request.Clock ?? TimeProvider.System, cancellationToken)
            : Task.CompletedTask;
}
