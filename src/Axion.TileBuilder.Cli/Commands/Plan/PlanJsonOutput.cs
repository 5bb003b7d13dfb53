using System.Buffers;
using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Cli.Commands.Plan;

/// <summary>
/// <c>plan --json</c>: one indented JSON document written as the batch is planned. The head (catalog, CSV, shard)
/// comes first, then the <c>rows</c> array, each element (with the row's full plan) written and flushed as the row is
/// handed out, then the totals. Only the current row is ever held, never the document.
/// </summary>
internal sealed class PlanJsonOutput : IPlanOutput, IDisposable
{
    private readonly TextWriter _output;
    private readonly string _catalog;
    private readonly string _csvPath;
    private readonly ShardSpec? _shard;
    private readonly PlanAssumptions _assumptions;
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _json;

    public PlanJsonOutput(TextWriter output, string catalog, string csvPath, ShardSpec? shard, PlanAssumptions assumptions)
    {
        _output = output;
        _catalog = catalog;
        _csvPath = csvPath;
        _shard = shard;
        _assumptions = assumptions;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true });
    }

    public void Begin()
    {
        _json.WriteStartObject();
        _json.WriteString("catalog", _catalog);
        _json.WriteString("csv", _csvPath);
        _json.WriteString("shard", _shard?.ToString());
        _json.WriteStartArray("rows");
        Flush();
    }

    public void Row(RowPlanOutcome row)
    {
        var j = _json;
        j.WriteStartObject();
        j.WriteString("id", row.RowId);
        j.WriteNumber("line", row.Line);
        if (row.Plan is { } p)
        {
            j.WriteString("status", "planned");
            PlanFields(p);
        }
        else if (row.Timesteps is { } parts)
        {
            // Several timesteps: the row's totals, then each timestep as a row of its own would be.
            var plans = row.Plans.ToList();
            j.WriteString("status", "planned");
            j.WriteNumber("timesteps_planned", plans.Count);
            j.WriteNumber("plan_bytes", plans.Sum(x => x.PlanBytes));
            j.WriteNumber("estimated_bytes", plans.Sum(x => x.EstimatedBytes));
            j.WriteNumber("estimated_requests", plans.Sum(x => x.EstimatedRequests));
            Bytes("estimated_bytes_by_resolution", ReadResolutionGroup.Sum(plans));
            j.WriteNumber("build_bytes", plans.Sum(x => x.BuildBytes));
            j.WriteStartArray("timesteps");
            foreach (var part in parts)
            {
                j.WriteStartObject();
                j.WriteNumber("timestep", part.Part.Index);
                j.WriteString("window", part.Part.Window.ToString());
                if (part.Value is { } plan)
                {
                    j.WriteString("status", "planned");
                    PlanFields(plan);
                }
                else
                {
                    j.WriteString("status", "missing");
                    j.WriteString("reason", part.Reason);
                    j.WriteString("message", part.Message);
                }

                j.WriteEndObject();
            }

            j.WriteEndArray();
        }
        else
        {
            j.WriteString("status", "failed");
            j.WriteString("kind", row.Kind?.ToString());
            j.WriteString("reason", row.Reason);
            j.WriteString("message", row.Message);
        }

        j.WriteNumber("seconds", Math.Round(row.Seconds, 3));
        j.WriteEndObject();
        Flush();
    }

    /// <summary>What a plan chose and what its build costs, then the plan itself under <c>plan</c>.</summary>
    private void PlanFields(RowPlan p)
    {
        var j = _json;
        j.WriteString("s2_id", p.S2.Id);
        if (p.S2.CloudCover is { } cloud)
        {
            j.WriteNumber("s2_cloud_cover", cloud);
        }
        else
        {
            j.WriteNull("s2_cloud_cover");
        }

        j.WriteNumber("aoi_clear_fraction", p.S2.AoiClearFraction);
        j.WriteString("s1_id", p.S1.Id);
        Strings("s2_ids", p.S2.ItemIds.Count > 0 ? p.S2.ItemIds : [p.S2.Id]);
        Strings("s1_ids", p.S1.ItemIds);
        j.WriteNumber("delta_days", Math.Round(p.S1.DeltaDays, 4));
        j.WriteNumber("plan_bytes", p.PlanBytes);
        j.WriteNumber("plan_requests", p.PlanRequests);
        j.WriteNumber("estimated_bytes", p.EstimatedBytes);
        j.WriteNumber("read_ahead_waste_bytes", p.ReadAheadWasteBytes);
        j.WriteNumber("estimated_requests", p.EstimatedRequests);
        Bytes("estimated_bytes_by_resolution", ReadResolutionGroup.EstimatedBytes(p));
        j.WriteNumber("build_bytes", p.BuildBytes);
        j.WriteNumber("probe_bytes", p.ProbeBytes);
        j.WritePropertyName("plan");
        RowPlanJson.Write(j, p);
    }

    public void End(BatchPlanTotals totals, double estimatedSeconds)
    {
        var j = _json;
        j.WriteEndArray();
        j.WriteNumber("rows_total", totals.Total);
        j.WriteNumber("rows_planned", totals.Planned);
        j.WriteNumber("rows_failed", totals.Failed);
        j.WriteNumber("plan_bytes", totals.PlanBytes);
        j.WriteNumber("plan_requests", totals.PlanRequests);
        j.WriteNumber("estimated_bytes", totals.EstimatedBytes);
        j.WriteNumber("estimated_requests", totals.EstimatedRequests);
        Bytes("estimated_bytes_by_resolution", totals.EstimatedBytesByResolution);
        if (totals.MissingTimestepsByReason.Count > 0)
        {
            j.WriteStartObject("missing_timesteps_by_reason");
            foreach (var (reason, count) in totals.MissingTimestepsByReason)
            {
                j.WriteNumber(reason, count);
            }

            j.WriteEndObject();
        }

        j.WriteNumber("build_bytes", totals.PlanBytes + totals.EstimatedBytes);
        j.WriteNumber("build_requests", totals.PlanRequests + totals.EstimatedRequests);
        j.WriteNumber("estimated_seconds", Math.Round(estimatedSeconds, 1));
        j.WriteStartObject("assumptions");
        j.WriteNumber("mbps", _assumptions.MegabytesPerSecond);
        j.WriteNumber("latency_ms", _assumptions.LatencyMs);
        j.WriteNumber("workers", _assumptions.Workers);
        j.WriteEndObject();
        j.WriteNumber("planning_seconds", Math.Round(totals.Seconds, 3));
        j.WriteEndObject();
        Flush();
        _output.WriteLine();
    }

    public void Dispose() => _json.Dispose();

    private void Strings(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
        }

        _json.WriteEndArray();
    }

    /// <summary>Moves what the JSON writer holds to the output and empties its buffer.</summary>
    private void Flush()
    {
        _json.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }

    private void Bytes(string name, IReadOnlyDictionary<string, long> bytes)
    {
        _json.WriteStartObject(name);
        foreach (var (group, value) in bytes)
        {
            _json.WriteNumber(group, value);
        }

        _json.WriteEndObject();
    }
}
