namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The plans of every row of a locations CSV, in CSV order.</summary>
public sealed record BatchPlan
{
    /// <summary>One outcome per CSV row (planned or failed), in CSV line order.</summary>
    public required IReadOnlyList<RowPlanOutcome> Rows { get; init; }

    /// <summary>Rows planned.</summary>
    public int Planned => Rows.Count(r => r.Plan is not null);

    /// <summary>Rows that failed planning.</summary>
    public int Failed => Rows.Count(r => r.Plan is null);

    /// <summary>Bytes the plan phase spent on SCL checks, all rows (a build spends them again).</summary>
    public long PlanBytes => Rows.Sum(r => r.Plan?.PlanBytes ?? 0);

    /// <summary>HTTP operations of the SCL checks, all rows.</summary>
    public long PlanRequests => Rows.Sum(r => r.Plan?.PlanRequests ?? 0);

    /// <summary>Estimated bytes of the band reads of a build, all planned rows.</summary>
    public long EstimatedBytes => Rows.Sum(r => r.Plan?.EstimatedBytes ?? 0);

    /// <summary>Estimated requests of the band reads of a build, all planned rows.</summary>
    public long EstimatedRequests => Rows.Sum(r => r.Plan?.EstimatedRequests ?? 0);

    /// <summary>Wall time of the planning, seconds.</summary>
    public double Seconds { get; init; }
}
