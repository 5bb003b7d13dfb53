using System.CommandLine;
using Axion.TileBuilder.Cli.Hosting;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles build</c>: the batch.</summary>
internal static class BuildCommand
{
    public static Command Create(CommandRunner runner)
    {
        var csv = new Option<string>("--csv") { Description = $"Locations CSV, {CsvInput.Forms}: header with id, lat, lon (also latitude, longitude, lng); optional start, end, tiles, description.", Required = true, HelpName = "CSV" };
        var output = new OutputOptionSet($"Where the tiles, index and journal go: {OutputOptionSet.Forms}. Default: ./tiles.", runsBatch: true, defaultOut: "tiles");
        var force = new Option<bool>("--force") { Description = "If --out holds a different batch, delete its tiles and start afresh instead of refusing." };
        var set = new BuildOptionSet();
        var shards = new ShardOptionSet();
        var jitter = new StartJitterOption();
        var command = new Command(
            "build",
            "Build training tiles for every row of a locations CSV: search STAC for Sentinel-2 L2A and Sentinel-1, read only the AOI windows, "
            + "mask clouds, write tile_<id>_<row>_<col>.npz. Re-running over the same --out continues the batch.\n\n"
            + "Examples:\n  axion-tiles build --csv samples/global_166.csv --out data/tiles\n"
            + "  axion-tiles build --csv my.csv --out out --catalog earth-search --start 2024-05-01 --end 2024-09-30 --tiles 3x3\n"
            + "  axion-tiles build --csv my.csv --out az://tiles/run1 --shards 100   (a Kubernetes Indexed Job's pod; docs/scale-out.md)")
        {
            csv, force,
        };
        output.AddTo(command);
        set.AddTo(command);
        shards.AddTo(command);
        jitter.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var shard = shards.Resolve(parse, context.Log);
            using var target = output.Resolve(parse, shard, context.Log);
            var csvPath = await CsvInput.LocalPathAsync(parse.GetRequiredValue(csv), target.Remote?.WorkDir ?? Path.Combine(CacheDirectory.Root(), "inputs"), context.Log, token);
            var settings = set.Settings(parse, csvPath);
            var request = new BatchRequest
            {
                OutDir = target.Dir,
                Remote = target.Remote,
                Settings = settings,
                Force = parse.GetValue(force),
                Shard = shard,
                StartJitter = jitter.Resolve(parse, shard, context.Log, Random.Shared),
                SubscriptionKey = BatchLauncher.SubscriptionKey(),
            };
            return await BatchLauncher.RunAsync(context, request, target.Shown, token);
        }));
        return command;
    }
}
