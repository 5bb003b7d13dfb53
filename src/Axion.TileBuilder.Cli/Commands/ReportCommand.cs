using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Pipeline.Reporting;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles report</c>: a self-contained HTML page about a batch (<c>&lt;out&gt;/report.html</c>).</summary>
internal static class ReportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var defaults = new ReportOptions();
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "The batch's output folder (holding journal.db); report.html is written there.", Required = true };
        var maxRows = new Option<int>("--max-rows")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Locations listed in the table (CSV order); the rest are counted. Default {defaults.MaxRows}."),
            DefaultValueFactory = _ => defaults.MaxRows,
        };
        var maxTiles = new Option<int>("--max-tiles")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Tiles sampled for the band histograms (every {defaults.SampleStride}th pixel, picked evenly over all tiles). Default {defaults.MaxHistogramTiles}."),
            DefaultValueFactory = _ => defaults.MaxHistogramTiles,
        };
        var command = new Command(
            "report",
            "Write DIR/report.html: batch summary, settings, band histograms and a table of locations with their quicklooks. "
            + "Self-contained (no external resources); open it in a browser next to the tiles. Not while a batch runs on DIR.\n\n"
            + "Example: axion-tiles report --out data/tiles")
        {
            outDir, maxRows, maxTiles,
        };
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, (context, token) =>
        {
            var options = new ReportOptions
            {
                MaxRows = parse.GetValue(maxRows),
                MaxHistogramTiles = parse.GetValue(maxTiles),
            };
            var result = ReportGenerator.Generate(parse.GetRequiredValue(outDir).FullName, options, TimeProvider.System, token);
            var r = result.Report;
            context.Log.Information(
                "Report: {Rows} locations ({Done} done), {Sampled} of {Tiles} tiles sampled, {KB:F0} kB",
                r.Summary.RowsTotal,
                r.Summary.Count(Journal.RowState.Done),
                r.TilesSampled,
                r.TilesListed,
                result.Bytes / 1e3);
            context.Output.WriteLine(result.Path);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
