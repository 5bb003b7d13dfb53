using System.CommandLine;
using Axion.TileBuilder.Cli.Commands;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Cli;

/// <summary>
/// The axion-tiles command line. <see cref="RunAsync"/> is the whole program; writers are injected
/// so tests run commands in-process.
/// </summary>
public static class AxionCli
{
    /// <summary>Parses and runs one command line; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var runner = new CommandRunner(output, error);
        var root = BuildRoot(runner);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'axion-tiles --help' (or '<command> --help') for usage.");
            return ExitCodes.UsageOrBadInput;
        }

        var config = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        };
        return await parse.InvokeAsync(config, cancellationToken);
    }

    internal static RootCommand BuildRoot(CommandRunner runner)
    {
        var root = new RootCommand(
            "axion-tiles: builds co-registered Sentinel-1/Sentinel-2 training tiles (.npz) for a list of places, "
            + "streaming only the AOI windows of cloud-optimized GeoTIFFs found through STAC APIs.");
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.LogLevel);
        root.Options.Add(GlobalOptions.LogFile);
        root.Subcommands.Add(BuildCommand.Create(runner));
        root.Subcommands.Add(ResumeCommand.Create(runner));
        root.Subcommands.Add(StatusCommand.Create(runner));
        root.Subcommands.Add(DemoCommand.Create(runner));
        root.Subcommands.Add(CatalogCommand.Create(runner));
        root.Subcommands.Add(SynthCommand.Create(runner));
        root.Subcommands.Add(DoctorCommand.Create(runner));
        root.Subcommands.Add(ValidateCommand.Create(runner));
        root.Subcommands.Add(PlanCommand.Create(runner));
        root.Subcommands.Add(ReportCommand.Create(runner));
        root.Subcommands.Add(MergeCommand.Create(runner));
        return root;
    }
}

/// <summary>Runs a command body with logging, error mapping and cancellation handled once for all commands.</summary>
internal sealed class CommandRunner(TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<CommandContext, CancellationToken, Task<int>> body)
    {
        using var context = new CommandContext(parse, output, error);
        void OnGdalMessage(GdalMessage m)
        {
            if (m.Class >= GdalErrorClass.Warning || context.Verbose)
            {
                context.Log.Debug("GDAL {Class} {Number}: {Message}", m.Class, m.ErrorNumber, SecretRedactor.Redact(m.Message));
            }
        }

        GdalRuntime.MessageLogged += OnGdalMessage;
        try
        {
            return await body(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync(CancelMessage(context.BatchOutDir));
            return ExitCodes.Cancelled;
        }
        catch (AxionException ex)
        {
            await error.WriteLineAsync($"fatal: {SecretRedactor.Redact(ex.Message)}");
            if (context.Verbose)
            {
                await error.WriteLineAsync(SecretRedactor.Redact(ex.ToString()));
            }

            return ExitCodes.For(ex);
        }
#pragma warning disable CA1031 // The command line is the outermost boundary: every error becomes one line and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"fatal: unexpected error: {SecretRedactor.Redact(ex.Message)}");
            await error.WriteLineAsync(context.Verbose ? SecretRedactor.Redact(ex.ToString()) : "Run with --verbose for the stack trace.");
            return ExitCodes.Fatal;
        }
        finally
        {
            GdalRuntime.MessageLogged -= OnGdalMessage;
        }
    }

    /// <summary>What Ctrl+C / SIGTERM prints: for a batch, how to continue it in its own folder.</summary>
    internal static string CancelMessage(string? batchOutDir) =>
        batchOutDir is null
            ? "cancelled."
            : $"cancelled: the journal is consistent; run 'axion-tiles resume --out {ShellText.Quote(batchOutDir)}' to continue.";
}
