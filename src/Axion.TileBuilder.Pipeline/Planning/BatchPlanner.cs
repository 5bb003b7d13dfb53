using System.Collections.Concurrent;
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
/// </summary>
public sealed class BatchPlanner(ILogger log)
{
    /// <summary>Plans every row; rows that cannot be planned are returned with their reason.</summary>
    /// <param name="settings">The batch settings (as for <c>build</c>).</param>
    /// <param name="subscriptionKey">Planetary Computer subscription key, or null.</param>
    /// <param name="today">Date of the default date window (UTC today when null).</param>
    /// <param name="cancellationToken">Stops planning.</param>
    public Task<BatchPlan> PlanAsync(RunSettings settings, string? subscriptionKey, DateOnly? today, CancellationToken cancellationToken) =>
        PlanAsync(settings, subscriptionKey, today, null, cancellationToken);

    /// <summary>Plans every row of <paramref name="shard"/> (as a sharded <c>build</c> seeds them; all rows when null).</summary>
    /// <inheritdoc cref="PlanAsync(RunSettings, string?, DateOnly?, CancellationToken)"/>
    public async Task<BatchPlan> PlanAsync(RunSettings settings, string? subscriptionKey, DateOnly? today, ShardSpec? shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
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

        var outcomes = new ConcurrentBag<RowPlanOutcome>();
        foreach (var error in parsed.RowErrors)
        {
            outcomes.Add(new RowPlanOutcome { RowId = error.RowId, Line = error.Line, Kind = FailureKind.BadInput, Reason = "bad_input", Message = error.Message });
        }

        using var scope = new RowEnvironmentScope(settings, string.Empty, subscriptionKey, today, log);
        var planner = new RowPlanner(scope.Environment);
        log.Information("Planning {Count} rows with {Workers} workers (catalog {Catalog})", parsed.Rows.Count, options.Workers, settings.Profile.Name);
        await Parallel.ForEachAsync(
            parsed.Rows,
            new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
            async (row, ct) => outcomes.Add(await PlanRowAsync(planner, row, ct)));
        return new BatchPlan
        {
            Rows = outcomes.OrderBy(o => o.Line).ThenBy(o => o.RowId, StringComparer.Ordinal).ToList(),
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    private async Task<RowPlanOutcome> PlanRowAsync(RowPlanner planner, LocationRow row, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var plan = await planner.PlanAsync(row, cancellationToken);
            log.Debug("Row {Id}: S2 {S2}, S1 {S1}, {MB:F1} MB estimated", row.Id, plan.S2.Id, plan.S1.Id, plan.BuildBytes / 1e6);
            return new RowPlanOutcome { RowId = row.Id, Line = row.Line, Plan = plan, Seconds = clock.Elapsed.TotalSeconds };
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
}
