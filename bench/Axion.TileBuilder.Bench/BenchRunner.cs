using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Bench;

/// <summary>Runs the measurements of docs/benchmarks.md and writes the report.</summary>
internal sealed class BenchRunner(BenchOptions options, TextWriter log)
{
    public async Task<string> RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDir);
        var world = LoadWorld(ct);
        var faults = new FaultOptions { LatencyMs = options.LatencyMs, BandwidthBytesPerSecond = options.BandwidthBytesPerSecond };
        await using var server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions { Faults = faults, DistinctAssetUrlsPerSearch = true }, ct);
        var rows = BenchRows.Make(world, Math.Max(options.Smoke ? 0 : options.Rows, Math.Max(options.SingleRows, options.PeerRows)));
        var batchCsv = WriteCsv("rows-batch.csv", rows.Take(options.Smoke ? 0 : options.Rows));
        var singleCsv = WriteCsv("rows-single.csv", rows.Take(options.SingleRows));
        var common = new List<string>
        {
            "--catalog", "planetary-computer",
            "--stac-url", server.PlanetaryComputerStacRoot.AbsoluteUri.TrimEnd('/'),
            "--token-url", server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/'),
            "--start", world.TimeStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--end", world.TimeEnd.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        // 1. The physical minimum per row: what plan computes from the COG block tables of the chosen items
        //    (headers + compressed blocks the windows touch + the SCL checks of the candidates).
        Dictionary<string, long> minimum = new(StringComparer.Ordinal);
        List<(ChildCost Cost, IReadOnlyList<RowFigures> Rows, long ServedBytes)> batches = [];
        if (!options.Smoke)
        {
            log.WriteLine($"plan: {options.Rows} rows");
            minimum = ParsePlan(Cli(["plan", "--csv", batchCsv, "--json", .. common]).Stdout);

            // 2. The batch, several times.
            for (var run = 1; run <= options.Runs; run++)
            {
                var outDir = FreshDir($"batch-{run}");
                server.Stats.Reset();
                log.WriteLine($"build: {options.Rows} rows, --workers {options.Workers} (run {run}/{options.Runs})");
                var cost = Cli(["build", "--csv", batchCsv, "--out", outDir, "--workers", options.Workers.ToString(CultureInfo.InvariantCulture), .. common]);
                var figures = RowFigures.Read(outDir, options.Rows);
                batches.Add((cost, figures, server.Stats.Snapshot().Category(RequestCategory.Asset).BytesSent));
                log.WriteLine($"  {cost.WallSeconds:F1} s wall, {cost.CpuSeconds:F1} s CPU, {cost.PeakMb:F0} MB peak");
            }
        }

        // 3. Rows one at a time (--workers 1): the latency of a single row, STAC search included.
        List<(ChildCost Cost, IReadOnlyList<RowFigures> Rows)> singles = [];
        string? singleOut = null;
        for (var run = 1; run <= options.Runs; run++)
        {
            singleOut = FreshDir($"single-{run}");
            log.WriteLine($"build: {options.SingleRows} rows, --workers 1 (run {run}/{options.Runs})");
            var cost = Cli(["build", "--csv", singleCsv, "--out", singleOut, "--workers", "1", .. common]);
            singles.Add((cost, RowFigures.Read(singleOut, options.SingleRows)));
        }

        // 4. The cold start: 1-row builds, each timed from the exec of the process to its exit.
        List<ChildCost> coldStarts = [];
        for (var run = 1; run <= options.ColdStartRuns; run++)
        {
            var csv = WriteCsv($"rows-cold-{run}.csv", rows.Skip((run - 1) % options.SingleRows).Take(1));
            log.WriteLine($"build: 1 row from process start (run {run}/{options.ColdStartRuns})");
            var cost = Cli(["build", "--csv", csv, "--out", FreshDir($"cold-{run}"), "--workers", "1", .. common]);
            coldStarts.Add(cost);
            log.WriteLine($"  {cost.WallSeconds:F2} s wall, {cost.CpuSeconds:F2} s CPU");
        }

        // 5. The peers on the same AOIs and items.
        var peerRows = IndexRow.Read(singleOut!).OrderBy(r => r.RowId, StringComparer.Ordinal).Take(options.PeerRows).ToList();
        var scratch = FreshDir("peer");
        using var http = new HttpClient();
        List<PeerRowCost> translateRows = [];
        server.Stats.Reset();
        for (var run = 1; run <= options.Runs; run++)
        {
            log.WriteLine($"peer: gdal_translate, {peerRows.Count} rows x 7 assets (run {run}/{options.Runs})");
            foreach (var row in peerRows)
            {
                translateRows.Add(await GdalTranslatePeer.RunRowAsync(http, server.PlanetaryComputerStacRoot, server.PlanetaryComputerTokenUrl, row, scratch));
            }
        }

        var translateBytesPerRow = AssetBytesSent(server) / (double)(peerRows.Count * options.Runs);
        List<(IReadOnlyList<PeerRowCost> Rows, ChildCost Process)> rasterioRuns = [];
        server.Stats.Reset();
        for (var run = 1; run <= options.Runs; run++)
        {
            log.WriteLine($"peer: rasterio, {peerRows.Count} rows x 7 assets in 7 threads (run {run}/{options.Runs})");
            var rasterio = await RasterioPeer.RunAsync(http, server.PlanetaryComputerStacRoot, server.PlanetaryComputerTokenUrl, peerRows, options.Python, options.RasterioScript, scratch);
            rasterioRuns.Add(rasterio);
            log.WriteLine($"  {rasterio.Process.WallSeconds:F1} s wall, {rasterio.Process.CpuSeconds:F1} s CPU");
        }

        return BenchReport.Markdown(options, world, new BenchResults
        {
            Minimum = minimum,
            Batches = batches,
            Singles = singles,
            PeerRowIds = [.. peerRows.Select(r => r.RowId)],
            GdalTranslateRows = translateRows,
            GdalTranslateBytesPerRow = translateBytesPerRow,
            RasterioRuns = rasterioRuns,
            RasterioBytesPerRow = AssetBytesSent(server) / (double)(peerRows.Count * options.Runs),
            ColdStarts = coldStarts,
        });
    }

    private static long AssetBytesSent(LocalCatalogServer server) => server.Stats.Snapshot().Category(RequestCategory.Asset).BytesSent;

    private SyntheticWorld LoadWorld(CancellationToken ct) => BenchWorld.Load(options.WorldCsv, options.ScenePx, options.CacheDir, log, ct);

    private ChildCost Cli(IEnumerable<string> args)
    {
        var cost = ChildRun.Run("dotnet", [options.CliDll, .. args]);
        if (cost.ExitCode is not (0 or 3))
        {
            throw new InvalidOperationException($"axion-tiles {string.Join(' ', args.Take(1))} exited {cost.ExitCode}:\n{cost.Output}");
        }

        return cost;
    }

    private static Dictionary<string, long> ParsePlan(string output)
    {
        var json = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..])!;
        return ((JsonArray)json["rows"]!).OfType<JsonObject>()
            .Where(r => (string?)r["status"] == "planned")
            // The minimum is what the chosen scenes need: without the windows a build reads ahead and wastes, which the
            // plan includes in its estimate of the build (read_ahead_waste_bytes) and the ratio must show.
            .ToDictionary(r => (string)r["id"]!, r => (long)r["build_bytes"]! - (long)r["read_ahead_waste_bytes"]!, StringComparer.Ordinal);
    }

    private string WriteCsv(string name, IEnumerable<(string Id, double Lat, double Lon)> rows)
    {
        var path = Path.Combine(options.WorkDir, name);
        File.WriteAllText(path, BenchRows.ToCsv(rows), new UTF8Encoding(false));
        return path;
    }

    private string FreshDir(string name)
    {
        var path = Path.Combine(options.WorkDir, name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }
}
