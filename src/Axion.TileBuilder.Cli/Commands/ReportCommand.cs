using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Pipeline.Datasets;
using Axion.TileBuilder.Pipeline.Reporting;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// <c>axion-tiles report</c>: a self-contained HTML page about a batch (<c>&lt;out&gt;/report.html</c>); with an
/// <c>az://</c> or <c>s3://</c> <c>--out</c> the page is uploaded next to the tiles and quicklooks.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var defaults = new ReportOptions();
        var output = new OutputOptionSet(
            $"The batch's output ({OutputOptionSet.Forms}) holding journal.db or the shard journals under _journal/; report.html is written there (into the store for az:// and s3://).",
            runsBatch: false);
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
            "Write OUT/report.html: batch summary, settings, band histograms (every band in the tiles) and a table of locations with their quicklooks; "
            + "for a batch of --timesteps above 1 a quicklook strip per location (each timestep's quicklook, Sentinel-2 date and cloud, or why it has no tiles) "
            + "and the missing timesteps by reason. "
            + "Self-contained (no external resources; quicklooks are linked as quicklooks/<id>.png or quicklooks/<id>_t<k>.png); open it in a browser next to the tiles. Not while a batch runs on OUT.\n\n"
            + "With an az:// or s3:// --out the journal snapshots are read from the store, the sampled tiles are downloaded one at a time, "
            + "and report.html is uploaded next to the tiles; the command prints its URL.\n\n"
            + "Examples: axion-tiles report --out data/tiles\n          axion-tiles report --out az://tiles/run1")
        {
            maxRows, maxTiles,
        };
        output.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var options = new ReportOptions
            {
                MaxRows = parse.GetValue(maxRows),
                MaxHistogramTiles = parse.GetValue(maxTiles),
            };
            using var dataset = DatasetFiles.Open(output.Location(parse), context.Log);
            var result = await ReportGenerator.GenerateAsync(dataset, options, TimeProvider.System, token);
            var r = result.Report;
            context.Log.Information(
                "Report: {Rows} locations ({Done} done), {Sampled} of {Tiles} tiles sampled, {KB:F0} kB",
                r.Summary.RowsTotal,
                r.Summary.Count(Journal.RowState.Done),
                r.TilesSampled,
                r.TilesListed,
                result.Bytes / 1e3);
            await context.Output.WriteLineAsync(result.Path);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
