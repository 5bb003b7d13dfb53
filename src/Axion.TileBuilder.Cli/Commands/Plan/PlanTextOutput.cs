using System.Globalization;
using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Cli.Commands.Plan;

/// <summary><c>plan</c> as a table: one line per row as it is planned, then the totals and the failure reasons.</summary>
internal sealed class PlanTextOutput(TextWriter output, PlanAssumptions assumptions) : IPlanOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public void Begin() =>
        output.WriteLine(string.Create(Inv, $"{"id",-24} {"sentinel-2",-62} {"cloud%",6} {"clear",6} {"sentinel-1",-70} {"dt d",6} {"MB",8} {"requests",8}"));

    /// <summary>One line per row; in a batch of several timesteps one per timestep, <c>&lt;id&gt; t&lt;k&gt;</c>.</summary>
    public void Row(RowPlanOutcome row)
    {
        if (row.Plan is { } p)
        {
            Line(row.RowId, p);
        }
        else if (row.Timesteps is { } parts)
        {
            foreach (var part in parts)
            {
                var id = string.Create(Inv, $"{row.RowId} t{part.Part.Index}");
                if (part.Value is { } plan)
                {
                    Line(id, plan);
                }
                else
                {
                    output.WriteLine(string.Create(Inv, $"{id,-24} MISSING {part.Part.Window} {part.Reason}: {part.Message}"));
                }
            }
        }
        else
        {
            output.WriteLine(string.Create(Inv, $"{row.RowId,-24} FAILED {row.Reason}: {row.Message}"));
        }
    }

    private void Line(string id, RowPlan p) => output.WriteLine(string.Create(
        Inv,
        $"{id,-24} {p.S2.Id,-62} {p.S2.CloudCover,6:F1} {p.S2.AoiClearFraction,6:F3} {p.S1.Id,-70} {p.S1.DeltaDays,6:F1} {p.BuildBytes / 1e6,8:F2} {p.PlanRequests + p.EstimatedRequests,8}"));

    public void End(BatchPlanTotals totals, double estimatedSeconds)
    {
        var a = assumptions;
        output.WriteLine(string.Create(Inv, $"rows: {totals.Planned} planned, {totals.Failed} failed, {totals.Total} total"));
        output.WriteLine(string.Create(
            Inv,
            $"build estimate: {(totals.PlanBytes + totals.EstimatedBytes) / 1e6:F1} MB in {totals.PlanRequests + totals.EstimatedRequests} requests "
            + $"(SCL checks {totals.PlanBytes / 1e6:F1} MB already measured by this plan + band reads {totals.EstimatedBytes / 1e6:F1} MB estimated)"));
        output.WriteLine("band reads by resolution: " + string.Join(", ", totals.EstimatedBytesByResolution.Select(p => string.Create(Inv, $"{p.Key} {p.Value / 1e6:F1} MB"))));
        output.WriteLine(string.Create(
            Inv,
            $"duration estimate: {estimatedSeconds:F0} s at {a.MegabytesPerSecond:G} MB/s and {a.LatencyMs:G} ms per request over {a.Workers} workers (bytes / bandwidth + requests x latency / workers)"));
        foreach (var (reason, count) in totals.MissingTimestepsByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(Inv, $"  timesteps missing in planned rows: {count} x {reason}"));
        }

        foreach (var (reason, count) in totals.FailuresByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(Inv, $"  failed: {count} x {reason}"));
        }
    }
}
