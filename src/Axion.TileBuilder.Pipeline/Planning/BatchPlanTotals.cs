namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// The totals of a planned batch, added up row by row as each row's plan is handed out: what <c>plan</c> keeps of
/// its rows (a few numbers and one count per failure reason), so its memory does not grow with the CSV.
/// </summary>
public sealed class BatchPlanTotals
{
    private readonly SortedDictionary<string, int> _failuresByReason = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _missingByReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bytesByResolution = new(StringComparer.Ordinal);

    /// <summary>Rows planned.</summary>
    public int Planned { get; private set; }

    /// <summary>Rows that failed planning.</summary>
    public int Failed { get; private set; }

    /// <summary>Rows handed out (planned + failed).</summary>
    public int Total => Planned + Failed;

    /// <summary>Bytes the plan phase spent on SCL checks, all rows (a build spends them again).</summary>
    public long PlanBytes { get; private set; }

    /// <summary>HTTP operations of the SCL checks, all rows.</summary>
    public long PlanRequests { get; private set; }

    /// <summary>Estimated bytes of the band reads of a build, all planned rows.</summary>
    public long EstimatedBytes { get; private set; }

    /// <summary>Estimated requests of the band reads of a build, all planned rows.</summary>
    public long EstimatedRequests { get; private set; }

    /// <summary>
    /// <see cref="EstimatedBytes"/> split by <see cref="ReadResolutionGroup"/> (<c>s2_10m</c>, <c>s2_20m</c>, <c>s2_60m</c>,
    /// <c>s1</c>), in that order; groups no row reads are left out.
    /// </summary>
    public IReadOnlyDictionary<string, long> EstimatedBytesByResolution =>
        ReadResolutionGroup.All.Where(_bytesByResolution.ContainsKey).ToDictionary(g => g, g => _bytesByResolution[g], StringComparer.Ordinal);

    /// <summary>
    /// Timesteps without a clear scene in rows that were planned nonetheless (<c>--min-timesteps</c> below
    /// <c>--timesteps</c>), by reason, reasons in ordinal order.
    /// </summary>
    public IReadOnlyDictionary<string, int> MissingTimestepsByReason => _missingByReason;

    /// <summary>Failed rows by reason (<c>unknown</c> when a failure has none), reasons in ordinal order.</summary>
    public IReadOnlyDictionary<string, int> FailuresByReason => _failuresByReason;

    /// <summary>Wall time of the planning, seconds (set when the last row is handed out).</summary>
    public double Seconds { get; internal set; }

    /// <summary>Adds one row's outcome.</summary>
    public void Add(RowPlanOutcome row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.IsPlanned)
        {
            Failed++;
            Count(_failuresByReason, row.Reason);
            return;
        }

        Planned++;
        foreach (var missing in (row.Timesteps ?? []).Where(t => t.Value is null))
        {
            Count(_missingByReason, missing.Reason);
        }

        foreach (var plan in row.Plans)
        {
            AddPlan(plan);
        }
    }

    private static void Count(SortedDictionary<string, int> counts, string? reason)
    {
        var key = reason ?? "unknown";
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    private void AddPlan(RowPlan plan)
    {
        PlanBytes += plan.PlanBytes;
        PlanRequests += plan.PlanRequests;
        EstimatedBytes += plan.EstimatedBytes;
        EstimatedRequests += plan.EstimatedRequests;
        foreach (var (group, bytes) in ReadResolutionGroup.EstimatedBytes(plan))
        {
            _bytesByResolution[group] = _bytesByResolution.GetValueOrDefault(group) + bytes;
        }
    }
}
