using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Retries;
using Axion.TileBuilder.Stac.Security;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// Runs one row under its <see cref="RowAttemptPolicy"/>: a fresh <see cref="RetryBudget"/> is made the row's ambient
/// budget (<see cref="RetryBudget.Current"/>) for every layer below, a transient failure is retried as a whole row
/// while the budget allows, and a linked time limit stops the row (<see cref="RowTimeoutException"/>) however it hangs.
/// </summary>
public sealed class RowAttempt(RowAttemptPolicy policy, ILogger log)
{
    /// <summary>Processes <paramref name="row"/> until it succeeds, fails for good, runs out of budget or time.</summary>
    /// <param name="row">The location.</param>
    /// <param name="process">One attempt (the row processor).</param>
    /// <param name="beforeRetry">Removes what a failed attempt left (partial tiles) before the next one.</param>
    /// <param name="cancellationToken">The batch's cancellation (Ctrl+C): rethrown as is.</param>
    /// <exception cref="RowTimeoutException">The row passed <see cref="RowAttemptPolicy.RowTimeout"/>.</exception>
    public async Task<RowResult> RunAsync(
        LocationRow row,
        Func<LocationRow, CancellationToken, Task<RowResult>> process,
        Action beforeRetry,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(beforeRetry);
        var budget = new RetryBudget(policy.MaxRetries, policy.RetryTime, policy.Time);
        using var limit = new CancellationTokenSource(policy.RowTimeout, policy.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var previous = RetryBudget.Current;
        RetryBudget.Current = budget;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await process(row, linked.Token);
                }
                catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
                {
                    throw new OperationCanceledException(ex.Message, ex, cancellationToken);
                }
                catch (Exception ex) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw TimedOut(row, ex);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && RowFailureMapper.IsTransient(ex) && budget.TryTake())
                {
                    log.Information(
                        "Row {Id}: transient failure ({Message}); retrying the row (attempt {Attempt}, {Taken} of {Max} retries used)",
                        row.Id,
                        SecretRedactor.Redact(ex.Message),
                        attempt + 1,
                        budget.Taken,
                        budget.MaxRetries);
                    beforeRetry();
                    try
                    {
                        await Task.Delay(policy.RetryPause * attempt, policy.Time, linked.Token);
                    }
                    catch (OperationCanceledException pause) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        throw TimedOut(row, pause);
                    }
                }
            }
        }
        finally
        {
            RetryBudget.Current = previous;
        }
    }

    private RowTimeoutException TimedOut(LocationRow row, Exception cause) => new(
        $"row {row.Id} ran past its time limit of {policy.RowTimeout.TotalMinutes:0.#} minutes (last: {SecretRedactor.Redact(cause.Message)})",
        cause);
}
