using System.Diagnostics;

namespace Axion.TileBuilder.Journal.Tests;

/// <summary>
/// A /usr/bin/python3 child (stdlib only: sqlite3, fcntl) that prints progress lines; killed with SIGKILL.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public static ChildProcess StartPython(string script, params string[] args)
    {
        Assert.True(File.Exists(Python), $"{Python} is needed for the cross-process tests");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("python3 did not start"));
    }

    /// <summary>Reads stdout lines until one equals <paramref name="expected"/>; fails on EOF or after 20 s.</summary>
    public void WaitForLine(string expected)
    {
        var read = Task.Run(() =>
        {
            string? line;
            while ((line = _process.StandardOutput.ReadLine()) is not null)
            {
                if (line == expected)
                {
                    return true;
                }
            }

            return false;
        });
        Assert.True(read.Wait(TimeSpan.FromSeconds(20)), $"python child did not print '{expected}' within 20 s");
        Assert.True(read.Result, $"python child ended before printing '{expected}': {_process.StandardError.ReadToEnd()}");
    }

    public string? ReadLine() => _process.StandardOutput.ReadLine();

    /// <summary>SIGKILL (what Process.Kill sends on Linux) and wait for the process to be gone.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        Assert.True(_process.WaitForExit(10_000), "python child did not die");
        Assert.Equal(137, _process.ExitCode); // 128 + SIGKILL
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
