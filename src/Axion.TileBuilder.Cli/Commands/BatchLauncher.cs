using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Cli.Hosting;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>Runs a batch request, starting the in-process local catalog first when the profile is <c>demo</c>.</summary>
internal static class BatchLauncher
{
    /// <summary>Scene size of the demo world, pixels per side (small enough to generate in seconds).</summary>
    public const int DemoScenePx = 2048;

    /// <param name="context">The command's context.</param>
    /// <param name="request">The batch.</param>
    /// <param name="shownOut">What messages call the output (the folder, or the az:// / s3:// location).</param>
    /// <param name="cancellationToken">Ctrl+C / SIGTERM.</param>
    public static async Task<int> RunAsync(CommandContext context, BatchRequest request, string shownOut, CancellationToken cancellationToken)
    {
        LocalCatalogHost? host = null;
        context.BatchOutDir = shownOut;
        try
        {
            (host, var settings) = await StartCatalogAsync(context, request.Settings, cancellationToken);
            request = request with { Settings = settings };
            using var progress = new ProgressDisplay(context.Error, context.ErrorIsTerminal, TimeProvider.System);
            var runner = new BatchRunner(context.Log, progress);
            var result = await runner.RunAsync(request, cancellationToken);
            return BatchOutput.Finish(context, result, shownOut);
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// For the <c>demo</c> profile: starts the local catalog for the CSV and returns it with the settings
    /// pointed at it (and the demo's date span unless --start/--end are given). Otherwise: no host, settings unchanged.
    /// Invalid settings are refused (exit 2) before anything starts.
    /// The caller disposes the host.
    /// </summary>
    public static async Task<(LocalCatalogHost? Host, RunSettings Settings)> StartCatalogAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        settings.ToBuildOptions().ThrowIfInvalid(); // before the demo world is generated (resume's settings come from a journal)
        if (!string.Equals(settings.Profile.Name, BuiltInProfiles.DemoName, StringComparison.OrdinalIgnoreCase))
        {
            return (null, settings);
        }

        // The default world has the four 10 m bands; a batch that selects others gets the world that has them all.
        // A batch of several timesteps gets the world with a year of scenes per place.
        var allBands = settings.SelectedBands.Any(b => !BandSelection.Default.Contains(b));
        var seasons = settings.TimestepCount > 1;
        var host = await LocalCatalogHost.StartAsync(settings.CsvPath, DemoScenePx, null, new LocalCatalogOptions(), context.Log, cancellationToken, allBands, seasons);
        var (start, end) = host.DateSpan;
        return (host, settings with
        {
            Profile = host.ApplyTo(settings.Profile),
            Start = settings.Start ?? start,
            End = settings.End ?? end,
        });
    }

    public static string? SubscriptionKey() => Environment.GetEnvironmentVariable("PC_SDK_SUBSCRIPTION_KEY") is { Length: > 0 } key ? key : null;
}
