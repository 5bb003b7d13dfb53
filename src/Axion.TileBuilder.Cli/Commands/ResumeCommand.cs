using System.CommandLine;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles resume</c>: continue an interrupted batch with the settings stored in its journal.</summary>
internal static class ResumeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var output = new OutputOptionSet($"The batch's output ({OutputOptionSet.Forms}) holding its journal.", runsBatch: true);
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Also retry rows that failed for transient reasons (network, throttling, expired tokens)." };
        var retryAll = new Option<bool>("--retry-all-failed") { Description = "Also retry rows that failed for permanent reasons or found no scene (never rows with bad input)." };
        var workers = new Option<int?>("--workers", "-j") { Description = "Rows in parallel; default: as the batch was started." };
        var maxStacRps = new Option<double?>(BuildOptionSpecs.MaxStacRps.Name) { Description = BuildOptionSet.MaxStacRpsHelp("Default: as the batch was started.") };
        var jitter = new StartJitterOption();
        var command = new Command(
            "resume",
            "Continue a batch: rows that are pending or were interrupted are run; done rows are never redone. Settings come from the journal.\n\n"
            + "Example: axion-tiles resume --out data/tiles --retry-failed")
        {
            retryFailed, retryAll, workers, maxStacRps,
        };
        output.AddTo(command);
        jitter.AddTo(command);
        var shards = new ShardOptionSet();
        shards.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var shard = shards.Resolve(parse, context.Log);
            using var target = output.Resolve(parse, shard, context.Log);
            if (target.Remote is { } remote && !await remote.RestoreJournalAsync(token) && !File.Exists(ShardedBatchLayout.JournalPath(target.Dir, shard)))
            {
                throw new AxionException(
                    FailureKind.BadInput,
                    $"no batch to resume in {target.Shown}: {remote.JournalObjectName} is neither there nor in the work folder {target.Dir}; start it with 'axion-tiles build'.");
            }

            var settings = BatchRunner.ReadSettings(target.Dir, shard);
            if (parse.GetValue(workers) is { } w)
            {
                settings = settings with { Workers = w };
            }

            if (parse.GetValue(maxStacRps) is { } rps)
            {
                settings = settings with { MaxStacRps = rps };
            }

            var request = new BatchRequest
            {
                OutDir = target.Dir,
                Remote = target.Remote,
                Settings = settings,
                Resume = true,
                Shard = shard,
                StartJitter = jitter.Resolve(parse, shard, context.Log, Random.Shared),
                RetryFailed = parse.GetValue(retryFailed),
                RetryPermanent = parse.GetValue(retryAll),
                SubscriptionKey = BatchLauncher.SubscriptionKey(),
            };
            return await BatchLauncher.RunAsync(context, request, target.Shown, token);
        }));
        return command;
    }
}
