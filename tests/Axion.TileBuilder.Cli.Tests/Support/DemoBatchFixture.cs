using System.Text.Json;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// One demo batch over the three sample rows (local catalog, in-process), shared by the smoke
/// tests: built once with <c>--include-scl --include-valid</c>.
/// </summary>
public sealed class DemoBatchFixture : IAsyncLifetime
{
    public string OutDir { get; } = TestPaths.NewTempDir("smoke");

    internal CliResult Build { get; private set; } = new(-1, string.Empty, string.Empty);

    public SyntheticWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AXION_CACHE_DIR", TestPaths.WorldCache);
        Build = await CliHarness.RunAsync(
            "build", "--catalog", "demo", "--csv", TestPaths.SampleCsv, "--out", OutDir, "--include-scl", "--include-valid", "--uncompressed", "--min-valid", "0.5");

        // The same world the demo catalog served (taken from the cache, not regenerated).
        var rows = LocationCsvParser.Parse(new StringReader(await File.ReadAllTextAsync(TestPaths.SampleCsv)), "locations.csv").Rows;
        World = WorldBuilder.Build(
            new WorldSpec(rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList(), 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
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

    public IReadOnlyList<string> TileFiles() => Directory.GetFiles(OutDir, "tile_*.npz").OrderBy(f => f, StringComparer.Ordinal).ToList();

    public static JsonDocument Meta(string metaJson) => JsonDocument.Parse(metaJson);
}
