using System.Diagnostics;
using System.Text;

namespace Axion.TileBuilder.Testing.Python;

/// <summary>
/// Finds a Python interpreter that can <c>import numpy</c> and runs scripts with it, so tests can
/// check files against numpy itself. Candidates, in order: the <c>AXION_PYTHON</c> environment
/// variable, <c>/usr/bin/python3</c>, then <c>python3</c> and <c>python</c> on <c>PATH</c>. The probe
/// runs once per test process. A missing interpreter fails the test (it never skips).
/// </summary>
public static class PythonNumpy
{
    /// <summary>Name of the environment variable that names the interpreter to try first.</summary>
    public const string EnvironmentVariable = "AXION_PYTHON";

    /// <summary>Default time a script may run before it is killed: 60 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<ProbeResult> Probe = new(FindInterpreter, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Full path (or command) of an interpreter with numpy. Throws
    /// <see cref="InvalidOperationException"/> naming every candidate tried when there is none.
    /// </summary>
    public static string Interpreter => Probe.Value.Interpreter ?? throw new InvalidOperationException(Probe.Value.Failure);

    /// <summary>numpy's version string as the interpreter reports it, e.g. <c>1.24.2</c>.</summary>
    public static string NumpyVersion
    {
        get
        {
            _ = Interpreter;
            return Probe.Value.NumpyVersion!;
        }
    }

    /// <summary>Runs <paramref name="script"/> (Python source) with <paramref name="args"/> as <c>sys.argv[1:]</c>, with <see cref="DefaultTimeout"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string script, params string[] args)
        => Run(DefaultTimeout, script, args);

    /// <summary>
    /// Runs <paramref name="script"/> from a temporary file with the numpy interpreter. Output is
    /// UTF-8. Throws <see cref="TimeoutException"/> (after killing the process) when it runs longer
    /// than <paramref name="timeout"/>.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(TimeSpan timeout, string script, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(args);
        var interpreter = Interpreter;
        var scriptPath = Path.Combine(Path.GetTempPath(), $"axion-py-{Guid.NewGuid():N}.py");
        File.WriteAllText(scriptPath, script, new UTF8Encoding(false));
        try
        {
            var argv = new string[args.Length + 1];
            argv[0] = scriptPath;
            args.CopyTo(argv, 1);
            return Execute(interpreter, argv, timeout);
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    /// <summary>
    /// Like <see cref="Run(string, string[])"/> but throws <see cref="InvalidOperationException"/>
    /// with the script's stderr when it exits non-zero; returns stdout.
    /// </summary>
    public static string RunChecked(string script, params string[] args)
    {
        var (exitCode, stdout, stderr) = Run(script, args);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Python script failed with exit code {exitCode} ({Interpreter}).\nstderr:\n{stderr}\nstdout:\n{stdout}");
        }

        return stdout;
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(string fileName, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["PYTHONUTF8"] = "1";

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        process.StandardInput.Close();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the wait and the kill.
            }

            process.WaitForExit();
            throw new TimeoutException($"'{fileName} {string.Join(' ', args)}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdoutTask.GetAwaiter().GetResult(), stderrTask.GetAwaiter().GetResult());
    }

    private static ProbeResult FindInterpreter()
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates())
        {
            try
            {
                var (exitCode, stdout, stderr) = Execute(candidate, ["-c", "import numpy; print(numpy.__version__)"], ProbeTimeout);
                if (exitCode == 0 && stdout.Trim().Length > 0)
                {
                    return new ProbeResult(candidate, stdout.Trim(), string.Empty);
                }

                var firstLine = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {exitCode}";
                tried.Add($"{candidate}: {firstLine}");
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or TimeoutException or InvalidOperationException)
            {
                tried.Add($"{candidate}: {ex.Message}");
            }
        }

        var message = "No Python interpreter with numpy found (tried "
            + (tried.Count == 0 ? "nothing" : string.Join("; ", tried))
            + "). Install python3-numpy (apt-get install python3-numpy) or set " + EnvironmentVariable + ".";
        return new ProbeResult(null, null, message);
    }

    private static IEnumerable<string> Candidates()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv) && seen.Add(fromEnv))
        {
            yield return fromEnv;
        }

        if (File.Exists("/usr/bin/python3") && seen.Add("/usr/bin/python3"))
        {
            yield return "/usr/bin/python3";
        }

        foreach (var name in new[] { "python3", "python" })
        {
            foreach (var path in OnPath(name))
            {
                if (seen.Add(path))
                {
                    yield return path;
                }
            }
        }
    }

    private static IEnumerable<string> OnPath(string name)
    {
        var pathVariable = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                yield return candidate;
            }
        }
    }

    private sealed record ProbeResult(string? Interpreter, string? NumpyVersion, string Failure);
}
