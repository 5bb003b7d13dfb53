using System.CommandLine;
using Axion.TileBuilder.Pipeline.Validation;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles validate DIR</c>: checks a dataset folder against the tile contract; exit 3 on any violation.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var defaults = new ValidationOptions();
        var dir = new Argument<DirectoryInfo>("dir") { Description = "The dataset folder (a build's --out)." };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON on standard output." };
        var minValid = new Option<double>("--min-valid")
        {
            Description = "Smallest fraction of pixels finite in all six bands (0..1). Default 0.9.",
            DefaultValueFactory = _ => defaults.MinValid,
        };
        var maxListed = new Option<int>("--max-listed")
        {
            Description = "How many violations (and warnings) to list; 0 lists all. Default 50.",
            DefaultValueFactory = _ => defaults.MaxListed,
        };
        var noJournal = new Option<bool>("--no-journal") { Description = "Do not cross-check with journal.db and index.csv." };
        var command = new Command(
            "validate",
            "Checks every .npz of a dataset folder (arrays, dtypes, shapes, meta, names, finite fraction, value ranges) "
            + "and cross-checks them with journal.db and index.csv. Exit 0 when clean, 3 when a violation is found.\n\n"
            + "Example: axion-tiles validate data/tiles --json")
        {
            dir, json, minValid, maxListed, noJournal,
        };
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            var options = defaults with
            {
                MinValid = parse.GetValue(minValid),
                MaxListed = parse.GetValue(maxListed),
                CheckJournal = !parse.GetValue(noJournal),
            };
            if (!(options.MinValid is >= 0 and <= 1) || options.MaxListed < 0)
            {
                await context.Error.WriteLineAsync($"error: --min-valid must be in [0, 1] and --max-listed >= 0 (got {options.MinValid} and {options.MaxListed}).");
                return ExitCodes.UsageOrBadInput;
            }

            var path = parse.GetRequiredValue(dir).FullName;
            var report = await Task.Run(() => DatasetValidator.Validate(path, options, token), token);
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
}
