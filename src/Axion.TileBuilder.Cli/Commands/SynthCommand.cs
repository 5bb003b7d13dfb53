using System.CommandLine;
using Axion.TileBuilder.Output.Synth;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles synth</c>: mock training tiles for testing a training pipeline without downloading anything.</summary>
internal static class SynthCommand
{
    public static Command Create(CommandRunner runner)
    {
        var count = new Option<int>("--count", "-n") { Description = "Number of tiles to write.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder (created if missing).", Required = true };
        var seed = new Option<long>("--seed") { Description = "Random seed; the same seed gives the same tiles. Default: 0.", DefaultValueFactory = _ => 0 };
        var size = new Option<int>("--size") { Description = "Tile width and height in pixels. Default: 256.", DefaultValueFactory = _ => 256 };
        var compressed = new Option<bool>("--compressed") { Description = "DEFLATE-compress the .npz (like np.savez_compressed). Default: stored (like np.savez)." };
        var command = new Command(
            "synth",
            "Write mock training tiles (tile_000000.npz, ...) with the six float32 keys s1_vv s1_vh s2_b2 s2_b3 s2_b4 s2_b8: "
            + "spatially structured scenes (fields, water, texture), reflectance 0..1, backscatter in dB. No download.\n\n"
            + "Example: axion-tiles synth --count 3 --out /tmp/t")
        {
            count, outDir, seed, size, compressed,
        };
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, (context, token) =>
        {
            var dir = parse.GetRequiredValue(outDir).FullName;
            var n = parse.GetValue(count);
            var written = MockTileGenerator.WriteAll(dir, n, parse.GetValue(seed), parse.GetValue(size), parse.GetValue(compressed), null, token);
            context.Log.Information("synth: wrote {Count} mock tiles to {Dir}", written.Files.Count, dir);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
