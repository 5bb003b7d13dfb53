using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Pipeline.Datasets;
using Axion.TileBuilder.Pipeline.Validation;
using Axion.TileBuilder.Storage.Locations;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// <c>axion-tiles validate DATASET</c>: checks a dataset (a local folder, or <c>az://CONTAINER/PREFIX</c> /
/// <c>s3://BUCKET/PREFIX</c>, whose tiles are downloaded one per worker and deleted once checked) against the tile
/// contract; exit 3 on any violation.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var defaults = new ValidationOptions();
        var dataset = new Argument<string>("dataset")
        {
            Description = $"The dataset (a build's or merge's --out): {OutputOptionSet.Forms}. From a store the journal snapshots and index.csv are downloaded once and the tiles one per worker at a time (each deleted once checked).",
        };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON on standard output." };
        var minValid = new Option<double>(BuildOptionSpecs.MinValid.Name)
        {
            Description = Text($"Smallest fraction ({BuildOptionSpecs.MinValid.RangeText}) of pixels finite in all six bands. {BuildOptionSpecs.MinValid.DefaultText}"),
            DefaultValueFactory = _ => defaults.MinValid,
        };
        var maxListed = new Option<int>("--max-listed")
        {
            Description = Text($"How many violations (and warnings) to list; 0 lists all. Default {defaults.MaxListed}."),
            DefaultValueFactory = _ => defaults.MaxListed,
        };
        var noJournal = new Option<bool>("--no-journal") { Description = "Do not cross-check with journal.db and index.csv." };
        var command = new Command(
            "validate",
            "Checks every .npz of a dataset folder or bucket prefix (arrays, dtypes, shapes, meta, names, finite fraction, value ranges) "
            + "and cross-checks them with journal.db (or the shard journals under _journal/) and index.csv. Exit 0 when clean, 3 when a violation is found.\n\n"
            + "Examples: axion-tiles validate data/tiles --json\n          axion-tiles validate az://tiles/run1")
        {
            dataset, json, minValid, maxListed, noJournal,
        };
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var options = defaults with
            {
                MinValid = parse.GetValue(minValid),
                MaxListed = parse.GetValue(maxListed),
                CheckJournal = !parse.GetValue(noJournal),
            };
            var problem = BuildOptionSpecs.MinValid.Problem(options.MinValid)
                ?? (options.MaxListed < 0 ? Text($"--max-listed {options.MaxListed} must be 0 or more") : null);
            if (problem is not null)
            {
                await context.Error.WriteLineAsync("error: " + problem);
                return ExitCodes.UsageOrBadInput;
            }

            using var files = DatasetFiles.Open(OutputLocation.Parse(parse.GetRequiredValue(dataset)), context.Log);
            var report = await Task.Run(() => DatasetValidator.ValidateAsync(files, options, token), token);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(ValidationReportJson.Write(report));
            }
            else
            {
                ValidationReportText.Write(report, context.Output);
            }

            return report.Passed ? ExitCodes.Ok : ExitCodes.FinishedWithFailures;
        }));
        return command;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
