using System.CommandLine;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Gdal.Metering;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles doctor</c>: checks that this machine can run a batch and says how to fix what is missing.</summary>
internal static class DoctorCommand
{
    private static readonly string[] RequiredDrivers = ["GTiff", "COG", "MEM", "PNG"];

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("doctor", "Check GDAL (version, drivers, /vsicurl), the PROJ database and the cloud read settings. Exits 1 with the fix when something is wrong.\n\nExample: axion-tiles doctor");
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, (context, _) => Task.FromResult(Run(context))));
        return command;
    }

    private static int Run(CommandContext context)
    {
        var output = context.Output;
        var failures = 0;
        void Report(bool ok, string what, string detail, string? fix = null)
        {
            output.WriteLine($"[{(ok ? " ok " : "FAIL")}] {what}: {detail}");
            if (!ok)
            {
                failures++;
                if (fix is not null)
                {
                    output.WriteLine($"       fix: {fix}");
                }
            }
        }

        try
        {
            GdalRuntime.Initialize();
        }
        catch (AxionException ex)
        {
            Report(false, "GDAL library", ex.Message, "sudo apt-get install libgdal32 gdal-bin (Debian 12), or run scripts/setup.sh");
            return ExitCodes.Fatal;
        }

        var version = GdalRuntime.Version;
        Report(version >= new Version(3, 4), "GDAL version", $"{GdalRuntime.VersionString} (needs >= 3.4)", "install GDAL 3.4 or newer (Debian 12: libgdal32)");
        foreach (var driver in RequiredDrivers)
        {
            Report(GdalRuntime.HasDriver(driver), $"driver {driver}", GdalRuntime.HasDriver(driver) ? "available" : "missing", "install a GDAL build with this driver (Debian's libgdal32 has all of them)");
        }

        var curl = GdalRuntime.IsCurlEnabled;
        Report(curl, "/vsicurl (HTTP range reads)", curl ? "available" : "GDAL was built without libcurl", "install Debian's libgdal32, which is built with curl");

        var projDb = GdalRuntime.FindProjDb();
        Report(projDb is not null, "PROJ database", projDb ?? "proj.db not found", "sudo apt-get install proj-data, or set PROJ_DATA to the folder holding proj.db");
        try
        {
            using var transform = CoordinateTransform.Create(4326, 32633);
            var (x, y) = transform.Transform(15.0, 0.0);
            var ok = Math.Abs(x - 500000) < 0.01 && Math.Abs(y) < 0.01;
            Report(ok, "EPSG:4326 -> EPSG:32633", $"(15E, 0N) -> ({x:F2}, {y:F2})", "check PROJ_DATA points at a complete proj.db");
        }
        catch (AxionException ex)
        {
            Report(false, "EPSG:4326 -> EPSG:32633", ex.Message, "sudo apt-get install proj-data, or set PROJ_DATA");
        }

        output.WriteLine("cloud read settings in force (GdalCloudConfig.Defaults):");
        foreach (var (key, value) in GdalCloudConfig.Defaults)
        {
            var current = GdalRuntime.GetConfigOption(key);
            Report(string.Equals(current, value, StringComparison.Ordinal), $"  {key}", current ?? "(unset)", $"unset the environment variable {key} or set it to {value}");
        }

        // Not a failure when off: reads are as before, an open costs one more round trip (docs/architecture.md).
        output.WriteLine(HeaderPrefetch.OffReason() is { } off
            ? $"header prefetch (an open in one round trip): off, {off}"
            : "header prefetch (an open in one round trip): on");
        output.WriteLine($"tile DEFLATE: {Output.IO.ZipWriter.Deflater}");
        foreach (var line in Hosting.RuntimeSettingsReport.Lines())
        {
            output.WriteLine(line);
        }

        output.WriteLine(failures == 0 ? "doctor: all checks passed" : $"doctor: {failures} check(s) failed");
        return failures == 0 ? ExitCodes.Ok : ExitCodes.Fatal;
    }
}
