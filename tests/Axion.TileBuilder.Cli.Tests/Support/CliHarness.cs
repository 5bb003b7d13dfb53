using Axion.TileBuilder.Cli;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>Runs the command line in-process with captured output.</summary>
internal static class CliHarness
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AxionCli.RunAsync(args, output, error, CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
