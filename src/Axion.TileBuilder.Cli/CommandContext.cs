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

    /// <summary>True when <see cref="Output"/> is the process's standard output and that is a terminal (not redirected).</summary>
    public bool OutputIsTerminal => ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>True when <see cref="Error"/> is the process's standard error and that is a terminal (not redirected).</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>
    /// The out dir of the batch this command runs, once known (set by <c>build</c>, <c>resume</c> and <c>demo</c>):
    /// the cancel message names it in its <c>resume</c> hint.
    /// </summary>
    public string? BatchOutDir { get; set; }

    public ILogger Log => _logger;

    public void Dispose() => _logger.Dispose();
}
