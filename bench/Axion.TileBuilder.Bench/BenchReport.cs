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

    public static string Markdown(
        BenchOptions options,
        SyntheticWorld world,
        IReadOnlyDictionary<string, long> minimum,
        IReadOnlyList<(ChildCost Cost, IReadOnlyList<RowFigures> Rows, long ServedBytes)> batches,
        IReadOnlyList<(ChildCost Cost, IReadOnlyList<RowFigures> Rows)> singles,
        IReadOnlyList<string> peerRowIds,
        IReadOnlyList<double> peerSeconds,
        double peerBytesPerRow)
    {
        var all = batches.SelectMany(b => b.Rows).Concat(singles.SelectMany(s => s.Rows)).ToList();
        var ratios = all.Where(r => minimum.ContainsKey(r.Id)).Select(r => r.BytesRead / (double)minimum[r.Id]).ToList();
        var mbRead = Median.Of(all.Select(r => r.BytesRead / 1e6));
        var mbMin = Median.Of(minimum.Values.Select(v => v / 1e6));
        var rowSeconds = Median.Of(singles.SelectMany(s => s.Rows).Select(r => r.Seconds));
        var peerIds = peerRowIds.ToHashSet(StringComparer.Ordinal);
        var oursOnPeerRows = Median.Of(singles.SelectMany(s => s.Rows).Where(r => peerIds.Contains(r.Id)).Select(r => r.Seconds));
        var peerRow = Median.Of(peerSeconds);
        var batchWall = Median.Of(batches.Select(b => b.Cost.WallSeconds));
        var batchCpu = Median.Of(batches.Select(b => b.Cost.CpuSeconds));
        var peak = Median.Max(batches.Select(b => b.Cost.PeakMb));
        var served = Median.Of(batches.Select(b => b.ServedBytes / (double)b.Rows.Sum(r => r.BytesRead)));

        var text = new StringBuilder();
        var bandwidth = options.BandwidthBytesPerSecond > 0 ? F($"{options.BandwidthBytesPerSecond / 1e6:F1} MB/s per response") : "unlimited";
        text.AppendLine(F($"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({CpuModel()}); scenes {options.ScenePx} px; ")
            + F($"{options.LatencyMs} ms per request; bandwidth {bandwidth}; {options.Runs} runs of each measurement; world {world.Fingerprint[..12]}."));
        text.AppendLine();
        text.AppendLine("| measure | value | target | met |");
        text.AppendLine("|---|---|---|---|");
        Row(text, "bytes read per row / physical minimum, median (max)", F($"{Median.Of(ratios):F3} ({Median.Max(ratios):F3})"), "<= 1.10", Median.Max(ratios) <= 1.10);
        Row(text, "MB read per row, median", F($"{mbRead:F1}"), string.Empty, null);
        Row(text, "physical minimum per row (COG headers + blocks the windows touch + SCL checks), MB, median", F($"{mbMin:F1}"), string.Empty, null);
        Row(text, "GDAL read operations per row, median", F($"{Median.Of(all.Select(r => (double)r.Requests)):F0}"), string.Empty, null);
        Row(text, "asset bytes the server sent / bytes the journal counted", F($"{served:F3}"), "1.000", null);
        Row(text, F($"one row (7 assets, 2x2 tiles), `--workers 1`, seconds incl. STAC search, median of {singles.Sum(s => s.Rows.Count)}"), F($"{rowSeconds:F2}"), "<= 1.0", rowSeconds <= 1.0);
        Row(text, F($"`gdal_translate -projwin` peer, 7 assets one after another, seconds per row, median of {peerSeconds.Count}"), F($"{peerRow:F2}"), string.Empty, null);
        Row(text, "speed-up over the peer on the same rows", F($"{peerRow / oursOnPeerRows:F1}x"), ">= 3x", peerRow / oursOnPeerRows >= 3);
        Row(text, "peer MB per row", F($"{peerBytesPerRow / 1e6:F1}"), string.Empty, null);
        Row(text, F($"{options.Rows}-row batch, `--workers {options.Workers}`, wall seconds, median"), F($"{batchWall:F1}"), "<= 90", batchWall <= 90);
        Row(text, "same batch, CPU seconds (user + system), median", F($"{batchCpu:F1}"), string.Empty, null);
        Row(text, "same batch, peak resident memory, MB, max", F($"{peak:F0}"), "<= 500", peak <= 500);
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

        return text.ToString();
    }

    private static void Row(StringBuilder text, string measure, string value, string target, bool? met) =>
        text.AppendLine($"| {measure} | {value} | {target} | {(met is null ? string.Empty : met.Value ? "yes" : "**no**")} |");

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

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
