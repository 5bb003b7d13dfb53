using System.Diagnostics;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Sharding;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// Plans every row of a locations CSV with the settings of a build (same workers), writing nothing:
/// catalog searches, the SCL checks of the candidates and the COG headers of the chosen assets.
/// Rows are streamed: each row's plan is handed to the caller as soon as it and every row above it in the CSV are
/// planned, without its SCL window and STAC items (<see cref="RowPlan.WithoutBuildInputs"/>), and only the
/// <see cref="BatchPlanTotals"/> are kept, so memory does not grow with the number of rows.
/// </summary>
public sealed class BatchPlanner(ILogger log)
{
    /// <summary>Rows planned ahead of the first unfinished one at most, per worker (the reorder buffer's size).</summary>
    public const int WindowPerWorker = 4;

    /// <summary>Plans every row; rows that cannot be planned are handed out with their reason.</summary>
    /// <param name="settings">The batch settings (as for <c>build</c>).</param>
    /// <param name="subscriptionKey">Planetary Computer subscription key, or null.</param>
    /// <param name="today">Date of the default date window (UTC today when null).</param>
    /// <param name="shard">Plan only the rows of this shard (as a sharded <c>build</c> seeds them); all rows when null.</param>
    /// <param name="onRow">Receives each row's outcome in CSV line order (ties by id), one call at a time.</param>
    /// <param name="cancellationToken">Stops planning.</param>
    /// <returns>The totals over all rows handed out.</returns>
    public async Task<BatchPlanTotals> PlanAsync(
        RunSettings settings,
        string? subscriptionKey,
        DateOnly? today,
        ShardSpec? shard,
        Action<RowPlanOutcome> onRow,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(onRow);
        var clock = Stopwatch.StartNew();
        var options = settings.ToBuildOptions();
        options.ThrowIfInvalid();

        GdalRuntime.Initialize();
        var parsed = LocationCsvFile.Read(settings.CsvPath).Parse;
        if (shard is { } own)
        {
            parsed = parsed with { Rows = parsed.Rows.Where(r => own.Contains(r.Id)).ToList(), RowErrors = parsed.RowErrors.Where(e => own.Contains(e.RowId)).ToList() };
        }

        foreach (var warning in parsed.Warnings)
        {
            log.Warning("{Warning}", warning);
        }

        // Every CSV row once, in line order: rows to plan and rows refused by the parser (bad_input).
        var work = parsed.Rows.Select(r => new PlanItem(r.Line, r.Id, r, null))
            .Concat(parsed.RowErrors.Select(e => new PlanItem(e.Line, e.RowId, null, e)))
            .OrderBy(i => i.Line)
            .ThenBy(i => i.RowId, StringComparer.Ordinal);

        var totals = new BatchPlanTotals();
        using var scope = new RowEnvironmentScope(settings, string.Empty, subscriptionKey, today, log);
        var planner = new RowPlanner(scope.Environment);
        log.Information("Planning {Count} rows with {Workers} workers (catalog {Catalog})", parsed.Rows.Count, options.Workers, settings.Profile.Name);
        await InOrderParallel.RunAsync(
            work,
            options.Workers,
            options.Workers * WindowPerWorker,
            (item, ct) => item.Row is { } row
                ? new ValueTask<RowPlanOutcome>(PlanRowAsync(planner, row, ct))
                : ValueTask.FromResult(new RowPlanOutcome { RowId = item.RowId, Line = item.Line, Kind = FailureKind.BadInput, Reason = "bad_input", Message = item.Error!.Message }),
            outcome =>
            {
                totals.Add(outcome);
                onRow(outcome);
            },
            cancellationToken);
        totals.Seconds = clock.Elapsed.TotalSeconds;
        return totals;
    }

    private async Task<RowPlanOutcome> PlanRowAsync(RowPlanner planner, LocationRow row, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (planner.Options.Timesteps > 1)
            {
                var parts = await TimestepRun.RunAsync(planner, row, planner.Options.RequiredTimesteps, (plan, _) => Task.FromResult(plan.WithoutBuildInputs()), cancellationToken);
                log.Debug("Row {Id}: {Done} of {Count} timesteps planned", row.Id, parts.Count(p => p.Value is not null), parts.Count);
                return new RowPlanOutcome { RowId = row.Id, Line = row.Line, Timesteps = parts, Seconds = clock.Elapsed.TotalSeconds };
            }

            var plan = await planner.PlanAsync(row, cancellationToken);
            log.Debug("Row {Id}: S2 {S2}, S1 {S1}, {MB:F1} MB estimated", row.Id, plan.S2.Id, plan.S1.Id, plan.BuildBytes / 1e6);
            return new RowPlanOutcome { RowId = row.Id, Line = row.Line, Plan = plan.WithoutBuildInputs(), Seconds = clock.Elapsed.TotalSeconds };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A row's every failure is that row's (no poison rows); one mapping for build and plan.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var failure = RowFailureMapper.Map(ex);
            if (failure.Kind == FailureKind.Internal)
            {
                log.Debug(ex, "Row {Id}: unexpected exception", row.Id);
            }

            log.Warning("Row {Id} cannot be planned ({Reason}): {Message}", row.Id, failure.Reason, failure.Message);
            return new RowPlanOutcome { RowId = row.Id, Line = row.Line, Kind = failure.Kind, Reason = failure.Reason, Message = failure.Message, Seconds = clock.Elapsed.TotalSeconds };
        }
    }

    /// <summary>One CSV row to hand out: a row to plan, or the parser's refusal of it.</summary>
    private sealed record PlanItem(int Line, string RowId, LocationRow? Row, LocationRowError? Error);
}
