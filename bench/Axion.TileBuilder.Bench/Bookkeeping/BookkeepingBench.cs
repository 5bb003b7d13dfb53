using System.Globalization;
using System.Text;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Bench.Bookkeeping;

/// <summary>
/// The "Bookkeeping at scale" benchmark of docs/benchmarks.md: (a) the per-row bookkeeping cost with many tiles already
/// in the out dir against an empty one; (b) wall time and peak memory of <c>status</c> and <c>merge</c> over journals of
/// growing size, and of <c>plan</c> over CSVs of growing size against the local catalog.
/// </summary>
internal sealed class BookkeepingBench(BookkeepingOptions options, TextWriter log)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDir);
        var perRow = MeasurePerRow(ct);
        var commands = new List<CommandFigure>();
        var scratch = options.FastScratch ?? (Directory.Exists("/dev/shm") ? "/dev/shm" : options.WorkDir);
        foreach (var rows in options.JournalRows)
        {
            ct.ThrowIfCancellationRequested();
            var dir = Path.Combine(options.WorkDir, FormattableString.Invariant($"journal-{rows}"));
            BulkJournal.Write(dir, rows, scratch, log);
            commands.Add(Measure("status --json", rows, ["status", "--out", dir, "--json"]));
            commands.Add(Measure("merge", rows, ["merge", "--out", dir]));
        }

        commands.AddRange(await MeasurePlanAsync(ct));
        return Markdown(perRow, commands);
    }

    private (List<RowBookkeepingCost> Empty, List<RowBookkeepingCost> Full) MeasurePerRow(CancellationToken ct)
    {
        var full = Path.Combine(options.WorkDir, "out-full");
        var empty = Path.Combine(options.WorkDir, "out-empty");
        RowBookkeeping.FillWithTiles(full, options.ExistingTiles, log);
        if (Directory.Exists(empty))
        {
            Directory.Delete(empty, recursive: true);
        }

        Directory.CreateDirectory(empty);
        RowBookkeeping.Measure(empty, Math.Min(options.BookkeepingRows, 200)); // warm-up: JIT and SQLite, not measured
        List<RowBookkeepingCost> inEmpty = [];
        List<RowBookkeepingCost> inFull = [];
        for (var run = 1; run <= options.Runs; run++)
        {
            ct.ThrowIfCancellationRequested();
            // Alternate which case goes first, so a drift in the machine's load or the disk's state favours neither.
            if (run % 2 == 1)
            {
                inEmpty.Add(RowBookkeeping.Measure(empty, options.BookkeepingRows));
                inFull.Add(RowBookkeeping.Measure(full, options.BookkeepingRows));
            }
            else
            {
                inFull.Add(RowBookkeeping.Measure(full, options.BookkeepingRows));
                inEmpty.Add(RowBookkeeping.Measure(empty, options.BookkeepingRows));
            }

            log.WriteLine(string.Create(Inv, $"bookkeeping run {run}/{options.Runs}: {inEmpty[^1].TotalMs:F3} ms per row (empty), {inFull[^1].TotalMs:F3} ms per row ({options.ExistingTiles:N0} tiles)"));
        }

        return (inEmpty, inFull);
    }

    private async Task<List<CommandFigure>> MeasurePlanAsync(CancellationToken ct)
    {
        var world = BenchWorld.Load(options.WorldCsv, options.ScenePx, null, log, ct);
        await using var server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions(), ct);
        var places = BenchRows.Make(world, Math.Min(options.PlanRows.Max(), 1000));
        var figures = new List<CommandFigure>();
        foreach (var rows in options.PlanRows)
        {
            var csv = Path.Combine(options.WorkDir, FormattableString.Invariant($"plan-{rows}.csv"));
            var rowsOfCsv = Enumerable.Range(0, rows).Select(i => (FormattableString.Invariant($"p-{i:D7}"), places[i % places.Count].Lat, places[i % places.Count].Lon));
            await File.WriteAllTextAsync(csv, BenchRows.ToCsv(rowsOfCsv), new UTF8Encoding(false), ct);
            figures.Add(Measure("plan --json", rows,
            [
                "plan", "--csv", csv, "--json", "--workers", "4",
                "--catalog", "planetary-computer",
                "--stac-url", server.PlanetaryComputerStacRoot.AbsoluteUri.TrimEnd('/'),
                "--token-url", server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/'),
                "--start", world.TimeStart.ToString("yyyy-MM-dd", Inv),
                "--end", world.TimeEnd.AddDays(-1).ToString("yyyy-MM-dd", Inv),
            ]));
        }

        return figures;
    }

    private CommandFigure Measure(string label, int rows, IReadOnlyList<string> args)
    {
        log.WriteLine(string.Create(Inv, $"bookkeeping: {label} over {rows:N0} rows"));
        var cost = ChildRun.Run("dotnet", [options.CliDll, .. args]);
        if (cost.ExitCode is not (0 or 3))
        {
            throw new InvalidOperationException($"axion-tiles {args[0]} exited {cost.ExitCode}:\n{cost.Output}");
        }

        log.WriteLine(string.Create(Inv, $"  {cost.WallSeconds:F1} s wall, {cost.CpuSeconds:F1} s CPU, {cost.PeakMb:F0} MB peak"));
        return new CommandFigure(label, rows, cost);
    }

    private string Markdown((List<RowBookkeepingCost> Empty, List<RowBookkeepingCost> Full) perRow, List<CommandFigure> commands)
    {
        var md = new StringBuilder();
        md.Append(Inv, $"Per-row bookkeeping, {options.BookkeepingRows:N0} rows per measurement, median of {options.Runs} (ms per row):\n\n");
        md.Append("| out dir | claim | cleanup | done | index | total | total, min-max of the runs |\n|---|---:|---:|---:|---:|---:|---:|\n");
        void Line(string name, List<RowBookkeepingCost> costs) => md.Append(Inv,
            $"| {name} | {Median.Of(costs.Select(c => c.ClaimMs)):F3} | {Median.Of(costs.Select(c => c.CleanupMs)):F3} | {Median.Of(costs.Select(c => c.DoneMs)):F3} | {Median.Of(costs.Select(c => c.IndexMs)):F3} | {Median.Of(costs.Select(c => c.TotalMs)):F3} | {costs.Min(c => c.TotalMs):F3}-{costs.Max(c => c.TotalMs):F3} |\n");
        Line("empty", perRow.Empty);
        Line(string.Create(Inv, $"{options.ExistingTiles:N0} tiles of other rows"), perRow.Full);
        var ratio = Median.Of(perRow.Full.Select(c => c.TotalMs)) / Median.Of(perRow.Empty.Select(c => c.TotalMs));
        var cleanup = Median.Of(perRow.Full.Select(c => c.CleanupMs + c.IndexMs)) / Median.Of(perRow.Empty.Select(c => c.CleanupMs + c.IndexMs));
        md.Append(Inv, $"\nFull / empty, total: {ratio:F3} ({(ratio <= 1.10 ? "within" : "NOT within")} 10 %); cleanup + index alone (the parts that touch the out dir): {cleanup:F3}.\n\n");
        md.Append("Commands over many rows (one run each):\n\n");
        md.Append("| command | rows | wall s | rows/s | CPU s | peak RSS MB |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var c in commands)
        {
            md.Append(Inv, $"| `{c.Label}` | {c.Rows:N0} | {c.Cost.WallSeconds:F1} | {c.Rows / c.Cost.WallSeconds:F0} | {c.Cost.CpuSeconds:F1} | {c.Cost.PeakMb:F0} |\n");
        }

        return md.ToString();
    }

    private sealed record CommandFigure(string Label, int Rows, ChildCost Cost);
}
