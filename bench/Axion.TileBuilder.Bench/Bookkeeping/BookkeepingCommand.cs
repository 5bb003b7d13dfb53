using System.CommandLine;

namespace Axion.TileBuilder.Bench.Bookkeeping;

/// <summary><c>axion-bench bookkeeping</c>: the "Bookkeeping at scale" figures (run it with <c>scripts/bench-bookkeeping.sh</c>).</summary>
internal static class BookkeepingCommand
{
    public static Command Create(Option<FileInfo> cli, Option<FileInfo> worldCsv)
    {
        var defaults = new BookkeepingOptions { CliDll = string.Empty, WorldCsv = string.Empty, WorkDir = string.Empty };
        var tiles = new Option<int>("--existing-tiles") { Description = $"Tile files of other rows in the out dir of the full case. Default {defaults.ExistingTiles}.", DefaultValueFactory = _ => defaults.ExistingTiles };
        var rows = new Option<int>("--rows") { Description = $"Rows per per-row measurement. Default {defaults.BookkeepingRows}.", DefaultValueFactory = _ => defaults.BookkeepingRows };
        var runs = new Option<int>("--runs") { Description = $"Repetitions of the per-row measurement. Default {defaults.Runs}.", DefaultValueFactory = _ => defaults.Runs };
        var journalRows = new Option<int[]>("--journal-rows") { Description = "Journal sizes for status and merge. Default 10000 30000 100000.", DefaultValueFactory = _ => [.. defaults.JournalRows], AllowMultipleArgumentsPerToken = true };
        var planRows = new Option<int[]>("--plan-rows") { Description = "CSV sizes for plan. Default 500 2000.", DefaultValueFactory = _ => [.. defaults.PlanRows], AllowMultipleArgumentsPerToken = true };
        var scenePx = new Option<int>("--scene-size") { Description = $"Scene side of plan's world, 10 m pixels. Default {defaults.ScenePx}.", DefaultValueFactory = _ => defaults.ScenePx };
        var work = new Option<DirectoryInfo>("--work-dir") { Description = "Scratch folder. Default /tmp/axion-bench-bookkeeping.", DefaultValueFactory = _ => new DirectoryInfo("/tmp/axion-bench-bookkeeping") };
        var report = new Option<FileInfo?>("--report") { Description = "Also write the Markdown tables to this file." };
        var command = new Command("bookkeeping", "Per-row bookkeeping with many tiles in the out dir vs none, and peak memory of status, merge and plan over many rows.")
        {
            tiles, rows, runs, journalRows, planRows, scenePx, work, report,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new BookkeepingOptions
            {
                CliDll = parse.GetRequiredValue(cli).FullName,
                WorldCsv = parse.GetRequiredValue(worldCsv).FullName,
                ExistingTiles = parse.GetValue(tiles),
                BookkeepingRows = parse.GetValue(rows),
                Runs = parse.GetValue(runs),
                JournalRows = parse.GetRequiredValue(journalRows),
                PlanRows = parse.GetRequiredValue(planRows),
                ScenePx = parse.GetValue(scenePx),
                WorkDir = parse.GetRequiredValue(work).FullName,
            };
            var markdown = await new BookkeepingBench(options, Console.Error).RunAsync(ct);
            await BenchReport.PublishAsync(markdown, parse.GetValue(report), ct);

            return 0;
        });
        return command;
    }
}
