namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>Paths shared by the end-to-end tests.</summary>
internal static class TestPaths
{
    /// <summary>The three sample locations (copy of samples/locations.csv).</summary>
    public static string SampleCsv => Path.Combine(AppContext.BaseDirectory, "Data", "locations.csv");

    /// <summary>The built executable, for tests that need a separate process (SIGKILL).</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "axion-tiles.dll");

    /// <summary>
    /// World cache shared by every test run on this machine: worlds are keyed by a fingerprint of
    /// their inputs, so sharing is safe and saves regenerating scenes.
    /// </summary>
    public static string WorldCache { get; } = Path.Combine(Path.GetTempPath(), "axion-tiles-test-worlds");

    public static string NewTempDir(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"axion-{prefix}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
