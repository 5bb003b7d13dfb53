using System.CommandLine;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles build</c>: the batch.</summary>
internal static class BuildCommand
{
    public static Command Create(CommandRunner runner)
    {
        var csv = new Option<FileInfo>("--csv") { Description = "Locations CSV: header with id, lat, lon (also latitude, longitude, lng); optional start, end, tiles, description.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder for tiles, index and journal. Default: ./tiles.", DefaultValueFactory = _ => new DirectoryInfo("tiles") };
        var force = new Option<bool>("--force") { Description = "If --out holds a different batch, delete its tiles and start afresh instead of refusing." };
        var set = new BuildOptionSet();
        var shards = new ShardOptionSet();
        var jitter = new StartJitterOption();
        var command = new Command(
            "build",
            "Build training tiles for every row of a locations CSV: search STAC for Sentinel-2 L2A and Sentinel-1, read only the AOI windows, "
            + "mask clouds, write tile_<id>_<row>_<col>.npz. Re-running over the same --out continues the batch.\n\n"
            + "Examples:\n  axion-tiles build --csv samples/global_166.csv --out data/tiles\n"
            + "  axion-tiles build --csv my.csv --out out --catalog earth-search --start 2024-05-01 --end 2024-09-30 --tiles 3x3")
        {
            csv, outDir, force,
        };
        set.AddTo(command);
        shards.AddTo(command);
        jitter.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var csvFile = parse.GetRequiredValue(csv);
            var settings = set.Settings(parse, csvFile.FullName);
            var shard = shards.Resolve(parse, context.Log);
            var request = new BatchRequest
            {
                OutDir = parse.GetRequiredValue(outDir).FullName,
                Settings = settings,
                Force = parse.GetValue(force),
                Shard = shard,
                StartJitter = jitter.Resolve(parse, shard, context.Log, Random.Shared),
                SubscriptionKey = BatchLauncher.SubscriptionKey(),
            };
            return await BatchLauncher.RunAsync(context, request, token);
        }));
        return command;
    }
}
