namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// The temporary folder of a fixture that runs builds: each build writes into a named subfolder, tests take fresh ones,
/// and the whole folder goes with the fixture.
/// </summary>
/// <param name="prefix">Names the folder (<see cref="TestPaths.NewTempDir"/>).</param>
internal sealed class FixtureFolder(string prefix) : IDisposable
{
    public string Root { get; } = TestPaths.NewTempDir(prefix);

    /// <summary><paramref name="name"/> under <see cref="Root"/>.</summary>
    public string File(string name) => Path.Combine(Root, name);

    /// <summary>A fresh output folder under <see cref="Root"/> (not created).</summary>
    public string NewOutDir(string name) => Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Runs <c>build</c> with <paramref name="arguments"/> into the subfolder <paramref name="name"/>.</summary>
    public async Task<BandsBuild> BuildAsync(string name, IReadOnlyList<string> arguments)
    {
        var outDir = File(name);
        var result = await CliHarness.RunAsync(["build", .. arguments, "--out", outDir]);
        return new BandsBuild(outDir, result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the system otherwise.
        }
    }
}
