using System.CommandLine;
using Serilog.Events;

namespace Axion.TileBuilder.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Debug logging and stack traces on errors.",
        Recursive = true,
    };

    public static readonly Option<LogEventLevel?> LogLevel = new("--log-level")
    {
        Description = "Console log level: Verbose, Debug, Information, Warning, Error. Default: Information (Debug with --verbose).",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> LogFile = new("--log-file")
    {
        Description = "Also write a JSON-lines log (Serilog compact format, Debug level) to this file.",
        Recursive = true,
    };
}
