using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Cli.Commands.Status;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// <c>axion-tiles status</c>: what the journal of a batch says, also while a <c>build</c> or <c>resume</c> runs on
/// it (the journal is read without its lock); <c>--watch</c> refreshes until the batch stops.
/// </summary>
internal static class StatusCommand
{
    /// <summary>Seconds between two refreshes of <c>--watch</c> given without a value.</summary>
    public const double DefaultWatchSeconds = 2;

    public static Command Create(CommandRunner runner)
    {
        var output = new OutputOptionSet(
            $"The batch's output ({OutputOptionSet.Forms}) holding journal.db, or the shard journals under _journal/: then the whole batch and every shard are shown unless --shard picks one. "
                + "For az:// and s3:// the journals are the shards' last uploaded snapshots.",
            runsBatch: false);
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON on standard output (with --watch: one single-line document per refresh)." };
        var failures = new Option<int>("--failures") { Description = "How many failed rows to list with their reason. Default 20.", DefaultValueFactory = _ => 20 };
        var watch = new Option<double?>("--watch")
        {
            Description = "Refresh every SECONDS (default 2) until no build or resume runs on the folder any more, or Ctrl+C. "
                + "On a terminal the display is redrawn in place; otherwise a new block (or JSON line) is printed per refresh.",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "SECONDS",
        };
        watch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } seconds && !(seconds >= 0.1 && seconds <= 3600))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--watch must be between 0.1 and 3600 seconds, got {seconds}."));
            }
        });
        var command = new Command(
            "status",
            "Rows by state (N of M finished), failure reasons, tiles, MB read, and whether a build is running now with its last update; "
            + "for a batch of --timesteps above 1 also the done rows missing timesteps and the missing ones by reason. "
            + "Reads the journal without taking the folder's lock, so it works while a build or resume runs.\n\n"
            + "Examples: axion-tiles status --out data/tiles --json\n          axion-tiles status --out data/tiles --watch 5")
        {
            json, failures, watch,
        };
        output.AddTo(command);
        var shards = new ShardOptionSet();
        shards.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var shard = shards.Resolve(parse, context.Log);
            using var target = output.ResolveForReading(parse, context.Log);
            var dir = target.Dir;
            var remote = target.Remote;
            if (remote is not null)
            {
                await remote.RequireJournalsAsync(token);
            }

            var view = new StatusView(context.Output, parse.GetValue(json), context.OutputIsTerminal);
            var maxFailed = Math.Max(0, parse.GetValue(failures));
            Func<bool> show;
            if (shard is null && ShardedBatchStatus.IsSharded(dir))
            {
                // A sharded batch without --shard: the whole batch and every shard.
                show = () =>
                {
                    var status = ShardedBatchStatus.TryRead(dir, maxFailed, TimeProvider.System)
                        ?? throw new InvalidOperationException($"the sharded batch in {target.Shown} disappeared while it was watched");
                    if (remote is not null)
                    {
                        status = status with { OutDir = target.Shown, Whole = status.Whole with { OutDir = target.Shown } };
                    }

                    view.Show(status, refresh: parse.GetResult(watch) is not null);

                    // A store has no lock to tell a running shard: watch until every shard has finished.
                    return remote is null ? status.AnyRunning : status.NotStarted.Count > 0 || !status.Shards.All(ShardedBatchStatus.IsFinished);
                };
            }
            else
            {
                ShardedBatchLayout.RequireJournal(dir, shard);
                show = () =>
                {
                    var status = BatchStatus.Read(dir, maxFailed, TimeProvider.System, shard);
                    if (remote is not null)
                    {
                        status = status with { OutDir = target.Shown };
                    }

                    view.Show(status, refresh: parse.GetResult(watch) is not null);
                    return remote is null ? status.BuildRunning : !ShardedBatchStatus.IsFinished(status);
                };
            }

            if (parse.GetResult(watch) is null)
            {
                show();
                return ExitCodes.Ok;
            }

            var interval = TimeSpan.FromSeconds(parse.GetValue(watch) ?? DefaultWatchSeconds);
            while (show())
            {
                try
                {
                    await Task.Delay(interval, token);
                    if (remote is not null)
                    {
                        await remote.DownloadJournalsAsync(token);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // Ctrl+C is how a watch is left: not an error.
                    return ExitCodes.Ok;
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
