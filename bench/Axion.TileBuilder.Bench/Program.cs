using System.CommandLine;
using Axion.TileBuilder.Bench;
using Axion.TileBuilder.Bench.Bookkeeping;

// axion-bench: measures axion-tiles against the local catalog (see docs/benchmarks.md; run it with scripts/bench.sh).
var cli = new Option<FileInfo>("--cli") { Description = "Path of axion-tiles.dll.", Required = true, Recursive = true };
var worldCsv = new Option<FileInfo>("--world") { Description = "CSV of the world's location(s). Default bench/world.csv.", DefaultValueFactory = _ => new FileInfo("bench/world.csv"), Recursive = true };
var scenePx = new Option<int>("--scene-size") { Description = "Scene side in 10 m pixels. Default 10980.", DefaultValueFactory = _ => 10980 };
var rows = new Option<int>("--rows") { Description = "Rows of the batch. Default 166.", DefaultValueFactory = _ => 166 };
var workers = new Option<int>("--workers") { Description = "Workers of the batch. Default 8.", DefaultValueFactory = _ => 8 };
var singleRows = new Option<int>("--single-rows") { Description = "Rows timed with --workers 1. Default 12.", DefaultValueFactory = _ => 12 };
var peerRows = new Option<int>("--peer-rows") { Description = "Rows read by each peer (gdal_translate, rasterio). Default 12.", DefaultValueFactory = _ => 12 };
var coldRuns = new Option<int>("--cold-runs") { Description = "1-row builds timed from process start to exit (the cold start). Default 7.", DefaultValueFactory = _ => 7 };
var python = new Option<string>("--python") { Description = "Python with Debian's rasterio, for the rasterio peer. Default /usr/bin/python3.", DefaultValueFactory = _ => "/usr/bin/python3" };
var rasterioScript = new Option<FileInfo>("--rasterio-peer") { Description = "The rasterio peer's script. Default bench/peers/rasterio_peer.py.", DefaultValueFactory = _ => new FileInfo("bench/peers/rasterio_peer.py") };
var smoke = new Option<bool>("--smoke") { Description = "Quick check that every measurement runs, not figures: no plan and no batch, at most 1 run, 3 rows timed at --workers 1 and by the peers, 3 cold starts." };
var latency = new Option<int>("--latency-ms") { Description = "Added latency per request, ms. Default 50.", DefaultValueFactory = _ => 50 };
var bandwidth = new Option<long>("--bandwidth") { Description = "Bandwidth cap per response, bytes/s; 0 = none. Default 0.", DefaultValueFactory = _ => 0 };
var runs = new Option<int>("--runs") { Description = "Repetitions of each measurement. Default 3.", DefaultValueFactory = _ => 3 };
var work = new Option<DirectoryInfo>("--work-dir") { Description = "Scratch folder. Default /tmp/axion-bench.", DefaultValueFactory = _ => new DirectoryInfo("/tmp/axion-bench") };
var report = new Option<FileInfo?>("--report") { Description = "Also write the Markdown table to this file." };
var root = new RootCommand("Benchmark of axion-tiles against the local catalog: bytes against the physical minimum, row latency, cold start, batch time, CPU, memory, a gdal_translate peer and a threaded rasterio peer.")
{
    cli, worldCsv, scenePx, rows, workers, singleRows, peerRows, coldRuns, python, rasterioScript, smoke, latency, bandwidth, runs, work, report,
};
root.SetAction(async (parse, ct) =>
{
    var quick = parse.GetValue(smoke);
    var options = new BenchOptions
    {
        CliDll = parse.GetRequiredValue(cli).FullName,
        WorldCsv = parse.GetRequiredValue(worldCsv).FullName,
        ScenePx = parse.GetValue(scenePx),
        Rows = parse.GetValue(rows),
        Workers = parse.GetValue(workers),
        SingleRows = quick ? Math.Min(parse.GetValue(singleRows), 3) : parse.GetValue(singleRows),
        PeerRows = quick ? Math.Min(parse.GetValue(peerRows), 3) : parse.GetValue(peerRows),
        ColdStartRuns = quick ? Math.Min(parse.GetValue(coldRuns), 3) : parse.GetValue(coldRuns),
        Python = parse.GetRequiredValue(python),
        RasterioScript = parse.GetRequiredValue(rasterioScript).FullName,
        Smoke = quick,
        LatencyMs = parse.GetValue(latency),
        BandwidthBytesPerSecond = parse.GetValue(bandwidth),
        Runs = quick ? 1 : parse.GetValue(runs),
        WorkDir = parse.GetRequiredValue(work).FullName,
    };
    var markdown = await new BenchRunner(options, Console.Error).RunAsync(ct);
    await BenchReport.PublishAsync(markdown, parse.GetValue(report), ct);

    return 0;
});
root.Subcommands.Add(BookkeepingCommand.Create(cli, worldCsv));
return await root.Parse(args).InvokeAsync();
