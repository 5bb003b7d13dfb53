using System.Diagnostics;

namespace Axion.TileBuilder.Cli.Tests.Reporting;

/// <summary>Runs Debian's <c>/usr/bin/chromium</c> headless on a local file, isolated in a fresh profile folder.</summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Fails the test (never skips) when chromium is not installed.</summary>
    public static void Require()
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"{Executable} not found: the report test needs Debian's chromium package; run 'bash scripts/setup.sh' (it runs 'apt-get install chromium').");
        }
    }

    /// <summary>Loads <paramref name="htmlPath"/> and returns the exit code, the serialized DOM after the load event (stdout) and the log (stderr).</summary>
    public static async Task<(int ExitCode, string Dom, string Log)> DumpDomAsync(string htmlPath, params string[] extra)
    {
        Require();
        var profile = Path.Combine(Path.GetTempPath(), "axion-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
            }.Concat(extra).Append("--dump-dom").Append(new Uri(htmlPath).AbsoluteUri))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish within 60 s; log:\n" + await stderr);
            }

            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
