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

    public static async Task<int> RunAsync(CommandContext context, BatchRequest request, CancellationToken cancellationToken)
    {
        LocalCatalogHost? host = null;
        try
        {
            if (string.Equals(request.Settings.Profile.Name, BuiltInProfiles.DemoName, StringComparison.OrdinalIgnoreCase))
            {
                host = await LocalCatalogHost.StartAsync(request.Settings.CsvPath, DemoScenePx, null, new LocalCatalogOptions(), context.Log, cancellationToken);
                var (start, end) = host.DateSpan;
                var settings = request.Settings with
                {
                    Profile = host.ApplyTo(request.Settings.Profile),
                    Start = request.Settings.Start ?? start,
                    End = request.Settings.End ?? end,
                };
                request = request with { Settings = settings };
            }

            var live = !Console.IsErrorRedirected && ReferenceEquals(context.Error, Console.Error);
            var runner = new BatchRunner(context.Log, new ProgressDisplay(context.Error, live));
            var result = await runner.RunAsync(request, cancellationToken);
            return BatchOutput.Finish(context, result);
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    public static string? SubscriptionKey() => Environment.GetEnvironmentVariable("PC_SDK_SUBSCRIPTION_KEY") is { Length: > 0 } key ? key : null;
}
