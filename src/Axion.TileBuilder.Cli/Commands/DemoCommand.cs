using System.CommandLine;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles demo</c>: the whole product offline, against the embedded local catalog.</summary>
internal static class DemoCommand
{
    private const string DemoCsvName = "demo-locations.csv";

    public static Command Create(CommandRunner runner)
    {
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Output folder. Default: ./demo-out.", DefaultValueFactory = _ => new DirectoryInfo("demo-out") };
        var csv = new Option<FileInfo?>("--csv") { Description = "Locations CSV. Default: samples/locations.csv if present, else the built-in copy of it." };
        var force = new Option<bool>("--force") { Description = "Start afresh if --out holds a different batch." };
        var set = new BuildOptionSet(catalogOptions: false);
        var command = new Command(
            "demo",
            "Run a complete batch offline: synthesises Sentinel-1/2 COG scenes for the sample locations, serves them from a STAC API on "
            + "127.0.0.1 (Planetary Computer flavour, SAS signing included) and builds tiles from it. Prints where the tiles are. "
            + "Takes the options of build except --catalog, --stac-url and --token-url.\n\n"
            + "Example: axion-tiles demo --out demo-out")
        {
            outDir, csv, force,
        };
        set.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var dir = parse.GetRequiredValue(outDir).FullName;
            var csvPath = parse.GetValue(csv)?.FullName ?? SampleCsv();

            // Every option is checked before --out is created or the demo world is generated.
            var settings = set.Settings(parse, csvPath ?? Path.Combine(dir, DemoCsvName));
            Directory.CreateDirectory(dir);
            if (csvPath is null)
            {
                WriteBuiltInCsv(settings.CsvPath);
            }

            var code = await BatchLauncher.RunAsync(
                context,
                new BatchRequest { OutDir = dir, Settings = settings, Force = parse.GetValue(force) },
                dir,
                token);
            context.Output.WriteLine($"demo: tiles are in {dir}; load one with: python3 -c \"import numpy as np, glob; d=np.load(sorted(glob.glob('{dir}/tile_*.npz'))[0]); print(sorted(d.files))\"");
            return code;
        }));
        return command;
    }

    /// <summary><c>samples/locations.csv</c> of the working folder, or null when there is none (the built-in copy is used).</summary>
    private static string? SampleCsv()
    {
        var sample = Path.GetFullPath(Path.Combine("samples", "locations.csv"));
        return File.Exists(sample) ? sample : null;
    }

    /// <summary>Writes the built-in demo locations to <paramref name="path"/> unless it already holds them.</summary>
    private static void WriteBuiltInCsv(string path)
    {
        using var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream(DemoCsvName)
            ?? throw new InvalidOperationException("the built-in demo locations are missing from the executable");
        using var reader = new StreamReader(resource);
        var text = reader.ReadToEnd();
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
    }
}
