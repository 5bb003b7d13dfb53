using Axion.TileBuilder.Cli.Tests.Reliability;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// Shared by the crash tests: the cached 3-location demo world behind a local catalog with 40 ms of latency per
/// request (so a row lasts long enough to be killed in the middle of it), and one uninterrupted reference run.
/// </summary>
public sealed class CrashBatchFixture : IAsyncLifetime
{
    private readonly TempFolders _dirs = new();
    private readonly SemaphoreSlim _referenceGate = new(1, 1);
    private LocalCatalogServer _server = null!;
    private (DateOnly Start, DateOnly End) _span;
    private Dictionary<string, List<string>>? _reference;

    public async Task InitializeAsync()
    {
        var rows = LocationCsvParser.Parse(new StringReader(await File.ReadAllTextAsync(TestPaths.SampleCsv)), "locations.csv").Rows;
        var world = WorldBuilder.Build(
            new WorldSpec(rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList(), 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var s2Dates = world.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
        _span = (s2Dates.Min(), s2Dates.Max());
        _server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions { Faults = new FaultOptions { LatencyMs = 40 } });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _referenceGate.Dispose();
        _dirs.Dispose();
    }

    /// <summary>The tiles of an uninterrupted run (made on first use).</summary>
    public async Task<Dictionary<string, List<string>>> ReferenceAsync()
    {
        await _referenceGate.WaitAsync();
        try
        {
            if (_reference is null)
            {
                var dir = NewDir("ref");
                Assert.Equal(0, await ChildCli.RunToEndAsync(BuildArgs(dir), TimeSpan.FromMinutes(3)));
                _reference = TileSnapshot.Read(dir);
                Assert.NotEmpty(_reference);
            }

            return _reference;
        }
        finally
        {
            _referenceGate.Release();
        }
    }

    /// <summary><c>build</c> of samples/locations.csv into <paramref name="outDir"/> with one worker.</summary>
    public List<string> BuildArgs(string outDir) =>
    [
        "build", "--csv", TestPaths.SampleCsv, "--out", outDir, "--workers", "1",
        "--catalog", "planetary-computer",
        .. CatalogArguments.PlanetaryComputer(_server),
        "--start", _span.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "--end", _span.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>A new temporary folder, deleted with the fixture.</summary>
    public string NewDir(string prefix) => _dirs.New(prefix);
}
