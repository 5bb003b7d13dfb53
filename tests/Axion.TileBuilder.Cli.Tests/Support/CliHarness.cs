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

    /// <summary>
    /// Drops what GDAL has cached of the files of the server at <paramref name="serverUrl"/>, so the next in-process run
    /// downloads them as a new process would: a <c>plan</c> and then a <c>build</c> against one server in this process
    /// would otherwise share GDAL's range cache, and the build would read fewer bytes than a real one (depending on
    /// what the cache had dropped meanwhile).
    /// </summary>
    public static void ForgetDownloads(Uri serverUrl) =>
        Axion.TileBuilder.Gdal.GdalRuntime.ClearCurlCache("/vsicurl/" + serverUrl.GetLeftPart(UriPartial.Authority) + "/");
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
