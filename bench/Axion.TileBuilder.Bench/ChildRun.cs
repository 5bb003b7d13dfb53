using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Bench;

/// <summary>What one child process cost: wall time, CPU time (user + system, from <c>getrusage</c>) and peak resident memory.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="WallSeconds">Start to exit, seconds.</param>
/// <param name="CpuSeconds">User + system CPU, seconds.</param>
/// <param name="PeakMb">Peak resident memory (VmHWM, sampled every 50 ms), MiB.</param>
/// <param name="Output">Standard output and standard error as they came, interleaved.</param>
/// <param name="Stdout">Standard output alone (what a command prints for a program to read, e.g. <c>plan --json</c>).</param>
internal sealed record ChildCost(int ExitCode, double WallSeconds, double CpuSeconds, double PeakMb, string Output, string Stdout);

/// <summary>Runs a child process to its end and measures it.</summary>
internal static partial class ChildRun
{
    private const int RusageChildren = -1;

    public static ChildCost Run(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var cpuBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = new System.Text.StringBuilder();
        var stdout = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peakKb = 0;
        while (!process.WaitForExit(50))
        {
            peakKb = Math.Max(peakKb, PeakKb(process.Id));
        }

        process.WaitForExit();
        var wall = clock.Elapsed.TotalSeconds;
        return new ChildCost(process.ExitCode, wall, ChildrenCpuSeconds() - cpuBefore, peakKb / 1024.0, output.ToString(), stdout.ToString());
    }

    private static long PeakKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>User + system seconds of all reaped children of this process so far.</summary>
    private static double ChildrenCpuSeconds()
    {
        var usage = new long[18];
        if (GetRusage(RusageChildren, usage) != 0)
        {
            return double.NaN;
        }

        return usage[0] + (usage[1] / 1e6) + usage[2] + (usage[3] / 1e6);
    }

    [LibraryImport("libc.so.6", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, [Out] long[] usage);
}
