using Axion.TileBuilder.Cli.Tests.Support;

namespace Axion.TileBuilder.Cli.Tests.Planning;

/// <summary>The three sample rows planned (<c>plan --json</c>) and built against the demo catalog, in-process.</summary>
public sealed class PlanAndBuildFixture : IAsyncLifetime
{
    public string OutDir { get; } = TestPaths.NewTempDir("plan");

    internal CliResult Plan { get; private set; } = new(-1, string.Empty, string.Empty);

    internal CliResult Build { get; private set; } = new(-1, string.Empty, string.Empty);

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AXION_CACHE_DIR", TestPaths.WorldCache);
        Plan = await CliHarness.RunAsync("plan", "--catalog", "demo", "--csv", TestPaths.SampleCsv, "--json");
        Build = await CliHarness.RunAsync("build", "--catalog", "demo", "--csv", TestPaths.SampleCsv, "--out", OutDir);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(OutDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
