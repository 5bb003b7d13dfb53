using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles plan</c>: every decision of a build and its expected cost, without reading band pixels or writing anything.</summary>
internal static class PlanCommand
{
    public static Command Create(CommandRunner runner)
    {
        var csv = new Option<FileInfo>("--csv") { Description = "Locations CSV (as for build).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON (with every row's full plan) on standard output." };
        var mbps = new Option<double>("--assume-mbps")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Assumed download bandwidth for the duration estimate, MB/s (10^6 bytes), shared by all workers. Default {BuildDuration.DefaultMegabytesPerSecond}."),
            DefaultValueFactory = _ => BuildDuration.DefaultMegabytesPerSecond,
        };
        var latency = new Option<double>("--assume-latency-ms")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Assumed round trip per HTTP request for the duration estimate, milliseconds. Default {BuildDuration.DefaultLatencyMs}."),
            DefaultValueFactory = _ => BuildDuration.DefaultLatencyMs,
        };
        var set = new BuildOptionSet();
        var shards = new ShardOptionSet();
        var command = new Command(
            "plan",
            "Plan a batch without building it: for every row the chosen Sentinel-2 scene (cloud cover, AOI clear fraction), its Sentinel-1 pair, "
            + "how each asset will be read, and the bytes and requests a build will need, estimated from the COG block layouts. Reads only "
            + "STAC searches, the SCL windows of the candidates and COG headers; writes nothing. Exit 3 when some rows cannot be planned.\n\n"
            + "Examples:\n  axion-tiles plan --csv samples/global_166.csv\n  axion-tiles plan --csv my.csv --catalog earth-search --json > plan.json")
        {
            csv, json, mbps, latency,
        };
        set.AddTo(command);
        shards.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var assumeMbps = parse.GetValue(mbps);
            var assumeLatency = parse.GetValue(latency);
            if (!(assumeMbps > 0) || !double.IsFinite(assumeMbps))
            {
                throw new AxionException(FailureKind.BadInput, string.Create(CultureInfo.InvariantCulture, $"--assume-mbps {assumeMbps} must be a positive number of MB/s"));
            }

            if (!(assumeLatency >= 0) || !double.IsFinite(assumeLatency))
            {
                throw new AxionException(FailureKind.BadInput, string.Create(CultureInfo.InvariantCulture, $"--assume-latency-ms {assumeLatency} must be zero or a positive number of milliseconds"));
            }

            var settings = set.Settings(parse, parse.GetRequiredValue(csv).FullName);
            var shard = shards.Resolve(parse, context.Log);
            var (host, live) = await BatchLauncher.StartCatalogAsync(context, settings, token);
            try
            {
                var plan = await new BatchPlanner(context.Log).PlanAsync(live, BatchLauncher.SubscriptionKey(), null, shard, token);
                var seconds = BuildDuration.Seconds(plan.PlanBytes + plan.EstimatedBytes, plan.PlanRequests + plan.EstimatedRequests, assumeMbps, assumeLatency, live.Workers);
                if (parse.GetValue(json))
                {
                    WriteJson(context.Output, plan, live.Profile.Name, live.CsvPath, shard, assumeMbps, assumeLatency, live.Workers, seconds);
                }
                else
                {
                    WriteText(context.Output, plan, assumeMbps, assumeLatency, live.Workers, seconds);
                }

                return plan.Failed > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Ok;
            }
            finally
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }
        }));
        return command;
    }

    private static void WriteText(TextWriter o, BatchPlan plan, double mbps, double latencyMs, int workers, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"{"id",-24} {"sentinel-2",-62} {"cloud%",6} {"clear",6} {"sentinel-1",-70} {"dt d",6} {"MB",8} {"requests",8}"));
        foreach (var row in plan.Rows)
        {
            if (row.Plan is not { } p)
            {
                o.WriteLine(string.Create(inv, $"{row.RowId,-24} FAILED {row.Reason}: {row.Message}"));
                continue;
            }

            o.WriteLine(string.Create(
                inv,
                $"{row.RowId,-24} {p.S2.Id,-62} {p.S2.CloudCover,6:F1} {p.S2.AoiClearFraction,6:F3} {p.S1.Id,-70} {p.S1.DeltaDays,6:F1} {p.BuildBytes / 1e6,8:F2} {p.PlanRequests + p.EstimatedRequests,8}"));
        }

        o.WriteLine(string.Create(inv, $"rows: {plan.Planned} planned, {plan.Failed} failed, {plan.Rows.Count} total"));
        o.WriteLine(string.Create(
            inv,
            $"build estimate: {(plan.PlanBytes + plan.EstimatedBytes) / 1e6:F1} MB in {plan.PlanRequests + plan.EstimatedRequests} requests "
            + $"(SCL checks {plan.PlanBytes / 1e6:F1} MB already measured by this plan + band reads {plan.EstimatedBytes / 1e6:F1} MB estimated)"));
        o.WriteLine(string.Create(
            inv,
            $"duration estimate: {seconds:F0} s at {mbps:G} MB/s and {latencyMs:G} ms per request over {workers} workers (bytes / bandwidth + requests x latency / workers)"));
        foreach (var (reason, count) in plan.Rows.Where(r => r.Plan is null).GroupBy(r => r.Reason ?? "unknown").Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2))
        {
            o.WriteLine(string.Create(inv, $"  failed: {count} x {reason}"));
        }
    }

    private static void WriteJson(TextWriter o, BatchPlan plan, string catalog, string csvPath, ShardSpec? shard, double mbps, double latencyMs, int workers, double seconds)
    {
        var rows = new JsonArray();
        foreach (var row in plan.Rows)
        {
            var node = new JsonObject { ["id"] = row.RowId, ["line"] = row.Line };
            if (row.Plan is { } p)
            {
                node["status"] = "planned";
                node["s2_id"] = p.S2.Id;
                node["s2_cloud_cover"] = p.S2.CloudCover;
                node["aoi_clear_fraction"] = p.S2.AoiClearFraction;
                node["s1_id"] = p.S1.Id;
                node["s2_ids"] = new JsonArray((p.S2.ItemIds.Count > 0 ? p.S2.ItemIds : [p.S2.Id]).Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
                node["s1_ids"] = new JsonArray(p.S1.ItemIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
                node["delta_days"] = Math.Round(p.S1.DeltaDays, 4);
                node["plan_bytes"] = p.PlanBytes;
                node["plan_requests"] = p.PlanRequests;
                node["estimated_bytes"] = p.EstimatedBytes;
                node["estimated_requests"] = p.EstimatedRequests;
                node["build_bytes"] = p.BuildBytes;
                node["probe_bytes"] = p.ProbeBytes;
                node["plan"] = RowPlanJson.ToNode(p);
            }
            else
            {
                node["status"] = "failed";
                node["kind"] = row.Kind?.ToString();
                node["reason"] = row.Reason;
                node["message"] = row.Message;
            }

            node["seconds"] = Math.Round(row.Seconds, 3);
            rows.Add(node);
        }

        var doc = new JsonObject
        {
            ["catalog"] = catalog,
            ["csv"] = csvPath,
            ["shard"] = shard?.ToString(),
            ["rows_total"] = plan.Rows.Count,
            ["rows_planned"] = plan.Planned,
            ["rows_failed"] = plan.Failed,
            ["plan_bytes"] = plan.PlanBytes,
            ["plan_requests"] = plan.PlanRequests,
            ["estimated_bytes"] = plan.EstimatedBytes,
            ["estimated_requests"] = plan.EstimatedRequests,
            ["build_bytes"] = plan.PlanBytes + plan.EstimatedBytes,
            ["build_requests"] = plan.PlanRequests + plan.EstimatedRequests,
            ["estimated_seconds"] = Math.Round(seconds, 1),
            ["assumptions"] = new JsonObject { ["mbps"] = mbps, ["latency_ms"] = latencyMs, ["workers"] = workers },
            ["planning_seconds"] = Math.Round(plan.Seconds, 3),
            ["rows"] = rows,
        };
        o.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
