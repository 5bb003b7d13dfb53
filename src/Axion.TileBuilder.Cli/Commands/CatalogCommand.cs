using System.CommandLine;
using Axion.TileBuilder.Cli.Hosting;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles catalog serve</c>: the local catalog as a standalone server (tests from other tools, benchmarks, exploring).</summary>
internal static class CatalogCommand
{
    public static Command Create(CommandRunner runner)
    {
        var csv = new Option<FileInfo>("--csv") { Description = "Locations CSV (id, lat, lon) the synthetic world is made for.", Required = true };
        var flavor = new Option<string>("--flavor") { Description = "Which STAC root to print first: planetary-computer (default) or earth-search. Both are served.", DefaultValueFactory = _ => "planetary-computer" };
        flavor.AcceptOnlyFromAmong("planetary-computer", "earth-search");
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1; 0 lets the OS pick. Default 0.", DefaultValueFactory = _ => 0 };
        var scenePx = new Option<int>("--scene-size") { Description = "Scene width/height in 10 m pixels: 2048 (fast) up to 10980 (real Sentinel-2 size). Default 2048.", DefaultValueFactory = _ => 2048 };
        var cacheDir = new Option<DirectoryInfo?>("--cache-dir") { Description = "Where generated scenes are cached. Default: $AXION_CACHE_DIR or ~/.cache/axion-tiles/worlds." };
        var latency = new Option<int>("--latency-ms") { Description = "Added latency per request, milliseconds. Default 0.", DefaultValueFactory = _ => 0 };
        var bandwidth = new Option<long>("--bandwidth") { Description = "Bandwidth cap per response, bytes/second; 0 = unlimited.", DefaultValueFactory = _ => 0 };
        var rate503 = new Option<double>("--error-503-rate") { Description = "Fraction (0-1) of requests answered 503.", DefaultValueFactory = _ => 0 };
        var rate429 = new Option<double>("--error-429-rate") { Description = "Fraction (0-1) of requests answered 429 with Retry-After.", DefaultValueFactory = _ => 0 };
        var truncate = new Option<double>("--truncate-rate") { Description = "Fraction (0-1) of responses cut off half-way.", DefaultValueFactory = _ => 0 };
        var drop = new Option<double>("--drop-rate") { Description = "Fraction (0-1) of connections dropped without an answer.", DefaultValueFactory = _ => 0 };
        var distinct = new Option<bool>("--distinct-asset-urls") { Description = "Benchmarks: give every search answer its own asset URLs, so rows sharing a scene cannot share cached bytes (as rows of a real batch in different scenes cannot)." };
        var allBands = new Option<bool>("--all-bands") { Description = "Also give every Sentinel-2 scene the 20 m bands B05 B06 B07 B8A B11 B12 and the 60 m bands B01 B09 (a separate cached world), for builds with --bands. Default: the four 10 m bands and SCL." };
        var seasons = new Option<bool>("--seasons") { Description = "Give every place a year of scenes (2023: an overcast and a clear Sentinel-2 scene in each quarter, pixels that change with the date) instead of a few weeks, for builds with --timesteps (a separate cached world). Default: scenes A-D of a few weeks." };
        var tokenLifetime = new Option<double>("--token-lifetime") { Description = "SAS token lifetime, seconds. Default 3600.", DefaultValueFactory = _ => 3600 };
        var serve = new Command(
            "serve",
            "Generate (or reuse from the cache) synthetic Sentinel-1/2 COGs for the CSV's locations and serve them behind a STAC API on 127.0.0.1 "
            + "until Ctrl+C. Prints the STAC root URL on the first line of standard output, then the SAS token URL, "
            + "the days its scenes span, and a ready 'build' command over those days (the synthetic scenes are dated in the past, "
            + "e.g. 2021-2022, so a build with the default window, the last 365 days, would find nothing).\n\n"
            + "Example: axion-tiles catalog serve --csv samples/locations.csv --latency-ms 50")
        {
            csv, flavor, port, scenePx, cacheDir, latency, bandwidth, rate503, rate429, truncate, drop, tokenLifetime, distinct, allBands, seasons,
        };
        serve.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var earthSearch = parse.GetValue(flavor) == "earth-search";
            var options = new LocalCatalogOptions
            {
                Port = parse.GetValue(port),
                Flavor = earthSearch ? CatalogFlavor.EarthSearch : CatalogFlavor.PlanetaryComputer,
                TokenLifetime = TimeSpan.FromSeconds(parse.GetValue(tokenLifetime)),
                DistinctAssetUrlsPerSearch = parse.GetValue(distinct),
                Faults = new FaultOptions
                {
                    LatencyMs = parse.GetValue(latency),
                    BandwidthBytesPerSecond = parse.GetValue(bandwidth),
                    Error503Rate = parse.GetValue(rate503),
                    Error429Rate = parse.GetValue(rate429),
                    TruncateRate = parse.GetValue(truncate),
                    DropConnectionRate = parse.GetValue(drop),
                },
            };
            await using var host = await LocalCatalogHost.StartAsync(
                parse.GetRequiredValue(csv).FullName,
                parse.GetValue(scenePx),
                parse.GetValue(cacheDir)?.FullName,
                options,
                context.Log,
                token,
                parse.GetValue(allBands),
                parse.GetValue(seasons));
            var server = host.Server;
            await context.Output.WriteLineAsync((earthSearch ? server.EarthSearchStacRoot : server.PlanetaryComputerStacRoot).AbsoluteUri);
            await context.Output.WriteLineAsync(server.PlanetaryComputerTokenUrl.AbsoluteUri);
            await context.Output.WriteLineAsync(host.DescribeScenes());
            await context.Output.WriteLineAsync("build: axion-tiles " + ShellText.Join(host.BuildArguments(parse.GetRequiredValue(csv).FullName, "tiles")));
            await context.Output.FlushAsync(token);
            context.Log.Information("Serving {Scenes} scenes; stats at {Stats}; Ctrl+C stops", host.World.Scenes.Count, new Uri(server.BaseUri, "_admin/stats"));
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                context.Log.Information("Stopping the local catalog");
            }

            return ExitCodes.Ok;
        }));
        var command = new Command("catalog", "The local catalog: synthetic Sentinel scenes behind a STAC API on 127.0.0.1.");
        command.Subcommands.Add(serve);
        return command;
    }
}
