using System.Globalization;
using System.Text;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Bench;

/// <summary>The Markdown table of a benchmark run (pasted into docs/benchmarks.md).</summary>
internal static class BenchReport
{
    /// <summary>Prints a run's Markdown tables on standard output and, when <paramref name="file"/> is given, writes them there too.</summary>
    public static async Task PublishAsync(string markdown, FileInfo? file, CancellationToken cancellationToken)
    {
        Console.Out.Write(markdown);
        if (file is not null)
        {
            await File.WriteAllTextAsync(file.FullName, markdown, cancellationToken);
        }
    }

    public static string Markdown(BenchOptions options, SyntheticWorld world, BenchResults results)
    {
        var (batches, singles, minimum) = (results.Batches, results.Singles, results.Minimum);
        var all = batches.SelectMany(b => b.Rows).Concat(singles.SelectMany(s => s.Rows)).ToList();
        var ratios = all.Where(r => minimum.ContainsKey(r.Id)).Select(r => r.BytesRead / (double)minimum[r.Id]).ToList();
        var mbRead = Median.Of(all.Select(r => r.BytesRead / 1e6));
        var mbMin = Median.Of(minimum.Values.Select(v => v / 1e6));
        var rowSeconds = Median.Of(singles.SelectMany(s => s.Rows).Select(r => r.Seconds));
        var singleCpuPerRow = Median.Of(singles.Select(s => s.Cost.CpuSeconds / s.Rows.Count));
        var peerIds = results.PeerRowIds.ToHashSet(StringComparer.Ordinal);
        var oursOnPeerRows = Median.Of(singles.SelectMany(s => s.Rows).Where(r => peerIds.Contains(r.Id)).Select(r => r.Seconds));
        var translateRow = Median.Of(results.GdalTranslateRows.Select(r => r.Seconds));
        var translateCpu = Median.Of(results.GdalTranslateRows.Select(r => r.CpuSeconds));
        var rasterioRows = results.RasterioRuns.SelectMany(r => r.Rows).ToList();
        var rasterioRow = Median.Of(rasterioRows.Select(r => r.Seconds));
        var rasterioCpu = Median.Of(results.RasterioRuns.Select(r => r.Process.CpuSeconds / r.Rows.Count));
        var rasterioReadsCpu = Median.Of(rasterioRows.Select(r => r.CpuSeconds));
        var cold = Median.Of(results.ColdStarts.Select(c => c.WallSeconds));
        var coldCpu = Median.Of(results.ColdStarts.Select(c => c.CpuSeconds));

        var text = new StringBuilder();
        var bandwidth = options.BandwidthBytesPerSecond > 0 ? F($"{options.BandwidthBytesPerSecond / 1e6:F1} MB/s per response") : "unlimited";
        text.AppendLine(F($"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({CpuModel()}); scenes {options.ScenePx} px; ")
            + F($"{options.LatencyMs} ms per request; bandwidth {bandwidth}; {options.Runs} runs of each measurement; world {world.Fingerprint[..12]}; ")
            + "MALLOC_ARENA_MAX " + (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is { Length: > 0 } arenas ? arenas : "unset (glibc's default)")
            + "; tiered compilation " + CliTieredCompilation(options.CliDll)
            + (options.Smoke ? " (--smoke: no plan, no batch; a check that every measurement runs, not figures to publish)." : "."));
        text.AppendLine();
        text.AppendLine("| measure | value | target | met |");
        text.AppendLine("|---|---|---|---|");
        if (batches.Count > 0)
        {
            var batchWall = Median.Of(batches.Select(b => b.Cost.WallSeconds));
            var batchCpu = Median.Of(batches.Select(b => b.Cost.CpuSeconds));
            var peak = Median.Max(batches.Select(b => b.Cost.PeakMb));
            var served = Median.Of(batches.Select(b => b.ServedBytes / (double)b.Rows.Sum(r => r.BytesRead)));
            // The batch's bytes against its minimum: rows whose best scene was read ahead and then rejected read more than
            // their own minimum (docs/architecture.md, "Read-ahead"); what a batch costs is the sum.
            var batchRatio = Median.Of(batches.Select(b => b.Rows.Where(r => minimum.ContainsKey(r.Id)).Sum(r => (double)r.BytesRead) / b.Rows.Where(r => minimum.ContainsKey(r.Id)).Sum(r => (double)minimum[r.Id])));
            Row(text, "bytes read by the batch / its physical minimum (read-ahead waste included), median", F($"{batchRatio:F3}"), "<= 1.05", batchRatio <= 1.05);
            Row(text, "bytes read per row / physical minimum, median (max)", F($"{Median.Of(ratios):F3} ({Median.Max(ratios):F3})"), "median <= 1.05", Median.Of(ratios) <= 1.05);
            Row(text, "MB read per row, median", F($"{mbRead:F1}"), string.Empty, null);
            Row(text, "physical minimum per row (COG headers + blocks the windows touch + SCL checks), MB, median", F($"{mbMin:F1}"), string.Empty, null);
            Row(text, "GDAL read operations per row, median", F($"{Median.Of(all.Select(r => (double)r.Requests)):F0}"), string.Empty, null);
            Row(text, "asset bytes the server sent / bytes the journal counted", F($"{served:F3}"), "1.000", null);
            Row(text, F($"{options.Rows}-row batch, `--workers {options.Workers}`, wall seconds, median"), F($"{batchWall:F1}"), "<= 45", batchWall <= 45);
            Row(text, "same batch, CPU seconds (user + system), median", F($"{batchCpu:F1}"), string.Empty, null);
            Row(text, "same batch, CPU seconds per row (process start included)", F($"{batchCpu / options.Rows:F2}"), "<= 0.40", batchCpu / options.Rows <= 0.40);
            Row(text, "same batch, peak resident memory, MB, max", F($"{peak:F0}"), "<= 400", peak <= 400);
        }

        Row(text, F($"one row (7 assets, 2x2 tiles), `--workers 1`, seconds incl. STAC search, median of {singles.Sum(s => s.Rows.Count)}"), F($"{rowSeconds:F2}"), "<= 0.35", rowSeconds <= 0.35);
        Row(text, F($"same, CPU seconds per row (a run's CPU / its {options.SingleRows} rows, process start included), median"), F($"{singleCpuPerRow:F2}"), string.Empty, null);
        Row(text, F($"a 1-row `build` from process start (exec to exit: runtime start, catalog token, searches, reads, tiles), wall seconds, median of {results.ColdStarts.Count}"), F($"{cold:F2}"), "<= 1.0", cold <= 1.0);
        Row(text, "same, CPU seconds, median", F($"{coldCpu:F2}"), string.Empty, null);
        Row(text, F($"`gdal_translate -projwin` peer, 7 assets one after another, seconds per row, median of {results.GdalTranslateRows.Count}"), F($"{translateRow:F2}"), string.Empty, null);
        Row(text, "speed-up over the `gdal_translate` peer on the same rows", F($"{translateRow / oursOnPeerRows:F1}x"), ">= 6x", translateRow / oursOnPeerRows >= 6);
        Row(text, "`gdal_translate` peer, CPU seconds per row (its 7 processes), median", F($"{translateCpu:F2}"), string.Empty, null);
        Row(text, "`gdal_translate` peer MB per row", F($"{results.GdalTranslateBytesPerRow / 1e6:F1}"), string.Empty, null);
        Row(text, F($"threaded rasterio peer, 7 window reads in 7 threads, same GDAL settings, seconds per row, median of {rasterioRows.Count}"), F($"{rasterioRow:F2}"), string.Empty, null);
        Row(text, "one row (`--workers 1`) / the rasterio peer on the same rows", F($"{oursOnPeerRows / rasterioRow:F2}x"), "<= 1.1x", oursOnPeerRows / rasterioRow <= 1.1);
        Row(text, "rasterio peer, CPU seconds per row: its process / its rows (Python start included); the reads alone, median", F($"{rasterioCpu:F2}; {rasterioReadsCpu:F2}"), string.Empty, null);
        Row(text, "rasterio peer MB per row", F($"{results.RasterioBytesPerRow / 1e6:F1}"), string.Empty, null);
        text.AppendLine();
        text.AppendLine("Per run (wall s / CPU s / peak MB):");
        foreach (var (cost, _, _) in batches)
        {
            text.AppendLine(F($"- batch: {cost.WallSeconds:F1} / {cost.CpuSeconds:F1} / {cost.PeakMb:F0}"));
        }

        foreach (var (cost, rows) in singles)
        {
            text.AppendLine(F($"- single rows: {cost.WallSeconds:F1} / {cost.CpuSeconds:F1} / {cost.PeakMb:F0}; row seconds median {Median.Of(rows.Select(r => r.Seconds)):F2}"));
        }

        foreach (var (rows, process) in results.RasterioRuns)
        {
            text.AppendLine(F($"- rasterio peer: {process.WallSeconds:F1} / {process.CpuSeconds:F1} / {process.PeakMb:F0}; row seconds median {Median.Of(rows.Select(r => r.Seconds)):F2}"));
        }

        text.AppendLine("- 1-row builds from process start: " + string.Join(", ", results.ColdStarts.Select(c => F($"{c.WallSeconds:F2} / {c.CpuSeconds:F2} / {c.PeakMb:F0}"))));
        return text.ToString();
    }

    private static void Row(StringBuilder text, string measure, string value, string target, bool? met) =>
        text.AppendLine($"| {measure} | {value} | {target} | {(met is null ? string.Empty : met.Value ? "yes" : "**no**")} |");

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the measured CLI runs with tiered compilation, as its own <c>doctor</c> says (<c>RuntimeSettingsReport</c>:
    /// its runtimeconfig.json, or <c>DOTNET_TieredCompilation</c> in this environment, which the CLI inherits).
    /// </summary>
    private static string CliTieredCompilation(string cliDll)
    {
        const string Prefix = "tiered compilation: ";
        var doctor = ChildRun.Run("dotnet", [cliDll, "doctor"]);
        return doctor.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal)) is { } line
            ? line[Prefix.Length..]
            : F($"unknown ('doctor' exited {doctor.ExitCode} without saying)");
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
