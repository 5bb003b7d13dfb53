using System.Diagnostics;

namespace Axion.TileBuilder.Journal.Tests;

/// <summary>
/// A /usr/bin/python3 child (stdlib only: sqlite3, fcntl) that signals progress by creating marker files; killed with SIGKILL.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    /// <summary>How long a wait for the child may take before the test calls it hung.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public static ChildProcess StartPython(string script, params string[] args)
    {
        Assert.True(File.Exists(Python), $"{Python} is needed for the cross-process tests");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = false,
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

    /// <summary>
    /// Waits until the child creates <paramref name="marker"/> (a file, not stdout: under the test host a
    /// child's pipe output was seen to arrive only when the child ended). Fails if the child ends first or hangs
    /// (2 minutes: a guard against a hang on a loaded machine, not a measure of speed).
    /// </summary>
    public void WaitForMarker(string marker)
    {
        var deadline = DateTime.UtcNow.Add(HangGuard);
        while (!File.Exists(marker))
        {
            Assert.False(_process.HasExited, $"python child ended (exit {(_process.HasExited ? _process.ExitCode : 0)}) before creating {marker}: {(_process.HasExited ? _process.StandardError.ReadToEnd() : "")}");
            Assert.True(DateTime.UtcNow < deadline, $"python child did not create {marker} within {HangGuard.TotalMinutes} minutes");
            Thread.Sleep(20);
        }
    }

    /// <summary>Waits (at most 2 minutes, a hang guard) for a child that ends by itself; fails unless it exits with 0.</summary>
    public void WaitForExit()
    {
        Assert.True(_process.WaitForExit(HangGuard), $"python child did not end within {HangGuard.TotalMinutes} minutes");
        Assert.True(_process.ExitCode == 0, $"python child failed (exit {_process.ExitCode}): {_process.StandardError.ReadToEnd()}");
    }

    /// <summary>SIGKILL (what Process.Kill sends on Linux) and wait for the process to be gone.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        Assert.True(_process.WaitForExit(HangGuard), "python child did not die");
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
