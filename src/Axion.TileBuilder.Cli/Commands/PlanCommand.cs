using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Cli.Commands.Plan;
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
            + "STAC searches, the SCL windows of the candidates and COG headers; writes nothing. Rows are printed as they are planned, in CSV "
            + "order, and only the totals are kept (the JSON's rows array comes before them). Exit 3 when some rows cannot be planned.\n\n"
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
                var assumptions = new PlanAssumptions(assumeMbps, assumeLatency, live.Workers);
                using var jsonOutput = parse.GetValue(json) ? new PlanJsonOutput(context.Output, live.Profile.Name, live.CsvPath, shard, assumptions) : null;
                IPlanOutput output = jsonOutput ?? (IPlanOutput)new PlanTextOutput(context.Output, assumptions);
                var begun = false;
                void Begin()
                {
                    // Nothing is printed before the CSV is read: a refused CSV leaves standard output empty.
                    if (!begun)
                    {
                        begun = true;
                        output.Begin();
                    }
                }

                var totals = await new BatchPlanner(context.Log).PlanAsync(
                    live,
                    BatchLauncher.SubscriptionKey(),
                    null,
                    shard,
                    row =>
                    {
                        Begin();
                        output.Row(row);
                    },
                    token);
                Begin();
                var seconds = BuildDuration.Seconds(totals.PlanBytes + totals.EstimatedBytes, totals.PlanRequests + totals.EstimatedRequests, assumeMbps, assumeLatency, live.Workers);
                output.End(totals, seconds);
                return totals.Failed > 0 ? ExitCodes.FinishedWithFailures : ExitCodes.Ok;
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
}
