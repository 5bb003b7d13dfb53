using System.CommandLine;
using Axion.TileBuilder.Cli.Logging;
using Serilog;
using Serilog.Events;

namespace Axion.TileBuilder.Cli;

/// <summary>What a command action gets: its writers, its logger and the parsed global options.</summary>
internal sealed class CommandContext : IDisposable
{
    private readonly Serilog.Core.Logger _logger;

    public CommandContext(ParseResult parse, TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        Verbose = parse.GetValue(GlobalOptions.Verbose);
        var level = parse.GetValue(GlobalOptions.LogLevel) ?? (Verbose ? LogEventLevel.Debug : LogEventLevel.Information);
        _logger = LogSetup.Create(error, level, parse.GetValue(GlobalOptions.LogFile)?.FullName);
    }

    /// <summary>Standard output: results (tables, <c>--json</c>).</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: logs, progress and error messages.</summary>
    public TextWriter Error { get; }

    public bool Verbose { get; }

    public ILogger Log => _logger;

    public void Dispose() => _logger.Dispose();
}
