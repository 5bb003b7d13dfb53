using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Axion.TileBuilder.Cli.Logging;

/// <summary>Creates the Serilog logger for one command invocation.</summary>
internal static class LogSetup
{
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Readable console output on standard error (standard output is kept for results such as
    /// <c>--json</c>), and an optional JSON-lines log file.
    /// </summary>
    public static Logger Create(TextWriter console, LogEventLevel level, string? jsonLogFile)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(LogEventLevel.Verbose)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new TextWriterSink(console, new MessageTemplateTextFormatter(ConsoleTemplate, CultureInfo.InvariantCulture)), level);
        if (!string.IsNullOrEmpty(jsonLogFile))
        {
            config = config.WriteTo.File(new CompactJsonFormatter(), jsonLogFile, restrictedToMinimumLevel: LogEventLevel.Debug);
        }

        return config.CreateLogger();
    }

    /// <summary>Writes formatted events to an injected writer (standard error, or a test's StringWriter).</summary>
    private sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
    {
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
            }
        }
    }
}
