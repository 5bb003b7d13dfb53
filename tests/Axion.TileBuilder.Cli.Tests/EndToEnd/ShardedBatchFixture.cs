using System.Collections.Concurrent;
using System.Globalization;
using Axion.TileBuilder.Cli.Tests.Reliability;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// The cached 3-location demo world behind a local catalog (Planetary Computer flavour), one unsharded reference build
/// and the same batch built by three shard processes running at the same time into one shared out dir, each given only
/// what a Slurm array task gets (<see cref="SlurmEnvironment"/>). With the pinned hash the sample ids fall into shards 1, 1 and 2, so
/// shard 0 is empty.
/// </summary>
public sealed class ShardedBatchFixture : IAsyncLifetime
{
    private readonly TempFolders _dirs = new();
    private LocalCatalogServer _server = null!;
    private (DateOnly Start, DateOnly End) _span;

    /// <summary>The sample CSV's row ids.</summary>
    public IReadOnlyList<string> RowIds { get; private set; } = [];

    /// <summary>The tiles of the unsharded reference build.</summary>
    public Dictionary<string, List<string>> Reference { get; private set; } = [];

    /// <summary>The out dir the three shards shared.</summary>
    public string ShardedDir { get; private set; } = string.Empty;

    /// <summary>Exit code and every output line of each shard process, by shard index.</summary>
    public IReadOnlyList<(int ExitCode, IReadOnlyList<string> Lines)> Shards { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var rows = LocationCsvParser.Parse(new StringReader(await File.ReadAllTextAsync(TestPaths.SampleCsv)), "locations.csv").Rows;
        RowIds = rows.Select(r => r.Id).ToList();
        var world = WorldBuilder.Build(
            new WorldSpec(rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList(), 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var s2Dates = world.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
        _span = (s2Dates.Min(), s2Dates.Max());
        _server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions());

        var reference = NewDir("shard-ref");
        var shardedDir = NewDir("shards");
        var runs = new List<Task<(int, IReadOnlyList<string>)>> { RunAsync(BuildArgs(reference, TestPaths.SampleCsv)) };
        for (var k = 0; k < 3; k++)
        {
            runs.Add(RunAsync(BuildArgs(shardedDir, TestPaths.SampleCsv), SlurmEnvironment(k)));
        }

        var results = await Task.WhenAll(runs);
        Assert.True(results[0].Item1 == 0, "reference build: exit " + results[0].Item1 + "\n" + string.Join("\n", results[0].Item2));
        Reference = TileSnapshot.Read(reference);
        ShardedDir = shardedDir;
        Shards = results.Skip(1).ToList();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dirs.Dispose();
    }

    /// <summary>What a Slurm array task <paramref name="k"/> of <c>--array=10-12</c> gets: ids 10-12, so shard k is task 10 + k.</summary>
    public static Dictionary<string, string> SlurmEnvironment(int k) => new()
    {
        ["SLURM_ARRAY_TASK_ID"] = (10 + k).ToString(CultureInfo.InvariantCulture),
        ["SLURM_ARRAY_TASK_MIN"] = "10",
        ["SLURM_ARRAY_TASK_MAX"] = "12",
        ["SLURM_ARRAY_TASK_COUNT"] = "3",
    };

    /// <summary><c>build</c> of <paramref name="csv"/> into <paramref name="outDir"/> against the local catalog, two workers.</summary>
    public List<string> BuildArgs(string outDir, string csv) =>
    [
        "build", "--csv", csv, "--out", outDir, "--workers", "2",
        "--catalog", "planetary-computer",
        .. CatalogArguments.PlanetaryComputer(_server),
        "--start", _span.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--end", _span.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ];

    /// <summary>Runs axion-tiles as a child process with <paramref name="environment"/> added; returns its exit code and output lines.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunAsync(IReadOnlyList<string> args, IDictionary<string, string>? environment = null)
    {
        var lines = new ConcurrentQueue<string>();
        using var process = ChildCli.Start(args, lines, environment);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, lines.ToList());
    }

    /// <summary>A new temporary folder, deleted with the fixture.</summary>
    public string NewDir(string prefix) => _dirs.New(prefix);
}
