using System.Globalization;
using System.Runtime.ExceptionServices;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Rows;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// A row of several timesteps (<c>--timesteps</c>): every part of its date window is planned
/// (<see cref="RowPlanner.PlanTimesteps"/>) and carried on by a step of the caller's (a build's reads and tiles, or nothing
/// for <c>plan</c>), all parts at the same time, so their searches and reads overlap. A part without a usable scene or
/// tile (a <see cref="FailureKind.NoData"/> failure) is kept with its reason and the row goes on; any other failure of a
/// part stops the others and fails the row with that part's exception. Fewer parts with a value than required fail the
/// row as <c>too_few_timesteps</c>, naming each missing part.
/// </summary>
public static class TimestepRun
{
    /// <summary>The reason of a row with fewer timesteps than <c>--min-timesteps</c>.</summary>
    public const string TooFewTimesteps = "too_few_timesteps";

    /// <summary>Plans every timestep of <paramref name="row"/> and runs <paramref name="then"/> on each plan; the results oldest first.</summary>
    /// <exception cref="RowFailedException">Fewer than <paramref name="required"/> timesteps have a value (<see cref="TooFewTimesteps"/>).</exception>
    public static async Task<IReadOnlyList<TimestepResult<T>>> RunAsync<T>(
        RowPlanner planner,
        LocationRow row,
        int required,
        Func<RowPlan, CancellationToken, Task<T>> then,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(then);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parts = planner.PlanTimesteps(row, stop.Token);
        var runs = parts.Select(p => RunPartAsync(p, then, stop)).ToArray();
        try
        {
            await Task.WhenAll(runs);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Hand on the part's own failure, not the cancellations it caused in the others.
            var failures = runs.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException!).ToList();
            ExceptionDispatchInfo.Throw(failures.FirstOrDefault(e => e is not OperationCanceledException) ?? failures[0]);
        }

        var results = runs.Select(r => r.Result).ToList();
        var done = results.Count(r => r.Value is not null);
        if (done < required)
        {
            var missing = string.Join("; ", results.Where(r => r.Value is null).Select(r => Invariant($"t{r.Part.Index} {r.Part.Window}: {r.Reason}: {r.Message}")));
            throw new RowFailedException(
                FailureKind.NoData,
                TooFewTimesteps,
                Invariant($"{done} of {results.Count} timesteps have a clear scene and tiles, {required} needed (--min-timesteps); {missing}"));
        }

        return results;
    }

    private static async Task<TimestepResult<T>> RunPartAsync<T>(TimestepPlanTask part, Func<RowPlan, CancellationToken, Task<T>> then, CancellationTokenSource stop)
        where T : class
    {
        try
        {
            var plan = await part.Plan;
            return new TimestepResult<T>(part.Part, await then(plan, stop.Token), null, null);
        }
        catch (RowFailedException ex) when (ex.Kind == FailureKind.NoData)
        {
            return new TimestepResult<T>(part.Part, null, ex.Reason, ex.Message);
        }
        catch (Exception)
        {
            await stop.CancelAsync(); // any other failure fails the row: the other parts stop
            throw;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
