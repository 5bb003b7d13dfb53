using System.Diagnostics;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>Runs axion-tiles as a separate process (for SIGKILL and SIGINT tests).</summary>
internal static class ChildCli
{
    public static Process Start(IReadOnlyList<string> args, IDictionary<string, string>? environment = null) =>
        Start(args, null, environment);

    /// <summary>Starts the process; every line it writes (stdout and stderr) goes to <paramref name="lines"/>.</summary>
    public static Process Start(IReadOnlyList<string> args, System.Collections.Concurrent.ConcurrentQueue<string>? lines, IDictionary<string, string>? environment = null)
    {
        // env --default-signal: a test host started from a background job inherits SIGINT as
        // ignored; the child must see Ctrl+C like a user's terminal delivers it.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT,TERM");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(TestPaths.CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["AXION_CACHE_DIR"] = TestPaths.WorldCache;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines?.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines?.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The log line of a row finished as done (<c>INF Row &lt;id&gt;: N tiles (...)</c>).</summary>
    public static bool IsRowDoneLine(string line) =>
        line.Contains(" INF Row ", StringComparison.Ordinal) && line.Contains(" tiles (", StringComparison.Ordinal);

    public static async Task<int> RunToEndAsync(IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var process = Start(args);
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }
}
