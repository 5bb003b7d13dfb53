using System.CommandLine;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles demo</c>: the whole product offline, against the embedded local catalog.</summary>
internal static class DemoCommand
{
    public static Command Create(CommandRunner runner)
    {
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder. Default: ./demo-out.", DefaultValueFactory = _ => new DirectoryInfo("demo-out") };
        var csv = new Option<FileInfo?>("--csv") { Description = "Locations CSV. Default: samples/locations.csv if present, else the built-in copy of it." };
        var workers = new Option<int>("--workers", "-j") { Description = "Rows in parallel. Default 4.", DefaultValueFactory = _ => 4 };
        var force = new Option<bool>("--force") { Description = "Start afresh if --out holds a different batch." };
        var command = new Command(
            "demo",
            "Run a complete batch offline: synthesises Sentinel-1/2 COG scenes for the sample locations, serves them from a STAC API on "
            + "127.0.0.1 (Planetary Computer flavour, SAS signing included) and builds tiles from it. Prints where the tiles are.\n\n"
            + "Example: axion-tiles demo --out demo-out")
        {
            outDir, csv, workers, force,
        };
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var dir = parse.GetRequiredValue(outDir).FullName;
            Directory.CreateDirectory(dir);
            var csvPath = parse.GetValue(csv)?.FullName ?? DefaultCsv(dir);
            var settings = new RunSettings
            {
                CsvPath = csvPath,
                Profile = BuiltInProfiles.Demo,
                Workers = parse.GetValue(workers),
            };
            var code = await BatchLauncher.RunAsync(
                context,
                new BatchRequest { OutDir = dir, Settings = settings, Force = parse.GetValue(force) },
                token);
            context.Output.WriteLine($"demo: tiles are in {dir}; load one with: python3 -c \"import numpy as np, glob; d=np.load(sorted(glob.glob('{dir}/tile_*.npz'))[0]); print(sorted(d.files))\"");
            return code;
        }));
        return command;
    }

    private static string DefaultCsv(string outDir)
    {
        var sample = Path.GetFullPath(Path.Combine("samples", "locations.csv"));
        if (File.Exists(sample))
        {
            return sample;
        }

        var copy = Path.Combine(outDir, "demo-locations.csv");
        using var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream("demo-locations.csv")
            ?? throw new InvalidOperationException("the built-in demo locations are missing from the executable");
        using var reader = new StreamReader(resource);
        var text = reader.ReadToEnd();
        if (!File.Exists(copy) || File.ReadAllText(copy) != text)
        {
            File.WriteAllText(copy, text);
        }

        return copy;
    }
}
