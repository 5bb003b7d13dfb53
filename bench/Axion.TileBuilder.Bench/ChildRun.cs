using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Bench;

/// <summary>What one child process cost: wall time, CPU time (user + system, from <c>getrusage</c>) and peak resident memory.</summary>
internal sealed record ChildCost(int ExitCode, double WallSeconds, double CpuSeconds, double PeakMb, string Output);

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
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
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
        return new ChildCost(process.ExitCode, wall, ChildrenCpuSeconds() - cpuBefore, peakKb / 1024.0, output.ToString());
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
