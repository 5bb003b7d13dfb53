using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Axion.TileBuilder.Cli.Logging;

/// <summary>Creates the Serilog logger for one command invocation.</summary>
internal static class LogSetup
{
    /// <summary>
    /// Readable console output on standard error (standard output is kept for results such as
    /// <c>--json</c>), and an optional JSON-lines log file.
    /// </summary>
    public static Logger Create(TextWriter console, LogEventLevel level, string? jsonLogFile)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext()
            .WriteTo.TextWriter(
                console,
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(jsonLogFile))
        {
            config = config.WriteTo.File(new CompactJsonFormatter(), jsonLogFile, restrictedToMinimumLevel: LogEventLevel.Debug);
        }

        return config.CreateLogger();
    }
}
