using System.Globalization;
using Axion.TileBuilder.Cli.Tests.Reliability;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Storage;
using Axion.TileBuilder.Testing.Emulators;
using Azure.Storage.Blobs;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// A batch run the way a Kubernetes Indexed Job runs it, against the Azure Storage emulator (Azurite) and the local
/// catalog answering 5 % of requests with 503: three shard processes at once, each given only what a pod gets
/// (<c>JOB_COMPLETION_INDEX</c>, <c>--shards 3</c>, <c>AZURE_STORAGE_CONNECTION_STRING</c>, its own empty work folder).
/// Shard 1 (rows <c>iowa-cropland</c> then <c>black-forest</c>, one worker, a journal snapshot after every row) is killed
/// with SIGKILL as its second row starts, then started again with a new empty work folder, as a rescheduled pod is.
/// Then <c>merge</c> and <c>status</c> run against the store. The reference is a single local build of the same CSV.
/// </summary>
public sealed class RemoteOutputFixture : IAsyncLifetime
{
    /// <summary>The row shard 1 is killed at (its second row in CSV order).</summary>
    public const string KilledAtRow = "black-forest";

    private readonly TempFolders _dirs = new();
    private LocalCatalogServer _server = null!;
    private SyntheticWorld _world = null!;
    private (DateOnly Start, DateOnly End) _span;

    public AzuriteFixture Azurite { get; private set; } = null!;

    /// <summary>The container the batch writes to.</summary>
    public string Container { get; private set; } = string.Empty;

    /// <summary><c>az://CONTAINER/run1</c>.</summary>
    public string Out => $"az://{Container}/run1";

    public IReadOnlyList<string> RowIds { get; private set; } = [];

    /// <summary>The folder of the unsharded local reference build.</summary>
    public string ReferenceDir { get; private set; } = string.Empty;

    /// <summary>The tiles of the unsharded local reference build.</summary>
    public Dictionary<string, List<string>> Reference { get; private set; } = [];

    /// <summary>Exit code and output of each shard's first run, by shard index.</summary>
    public IReadOnlyList<(int ExitCode, IReadOnlyList<string> Lines)> FirstRuns { get; private set; } = [];

    /// <summary>The restarted shard 1 (empty work folder).</summary>
    public (int ExitCode, IReadOnlyList<string> Lines) Restart { get; private set; }

    /// <summary><c>merge --out az://... --json</c> once every shard finished.</summary>
    public (int ExitCode, IReadOnlyList<string> Lines) Merge { get; private set; }

    /// <summary><c>status --out az://... --json</c> after the merge.</summary>
    public (int ExitCode, IReadOnlyList<string> Lines) Status { get; private set; }

    /// <summary>Every object of the batch after the merge, downloaded with the Azure SDK: the folder and the names.</summary>
    public (string Dir, IReadOnlyList<string> Names) Stored { get; private set; }

    /// <summary>Environment with the store's connection string only (what merge and status need).</summary>
    public Dictionary<string, string> StoreEnvironment => new() { [StorageVariables.AzureConnectionString] = Azurite.ConnectionString };

    /// <summary>What the pods' environment holds besides the shard index.</summary>
    public Dictionary<string, string> PodEnvironment(int index) => new()
    {
        ["JOB_COMPLETION_INDEX"] = index.ToString(CultureInfo.InvariantCulture),
        [StorageVariables.AzureConnectionString] = Azurite.ConnectionString,
    };

    public async Task InitializeAsync()
    {
        Azurite = new AzuriteFixture();
        Container = Azurite.CreateContainer();
        var rows = LocationCsvParser.Parse(new StringReader(await File.ReadAllTextAsync(TestPaths.SampleCsv)), "locations.csv").Rows;
        RowIds = rows.Select(r => r.Id).ToList();
        var world = _world = WorldBuilder.Build(
            new WorldSpec(rows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList(), 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var s2Dates = world.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
        _span = (s2Dates.Min(), s2Dates.Max());
        _server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions { Faults = new FaultOptions { Error503Rate = 0.05, Seed = 7 } });

        var reference = ReferenceDir = NewDir("remote-ref");
        var runs = new List<Task<(int, IReadOnlyList<string>)>> { ShardedBatchFixture.RunAsync(BuildArgs(reference)) };
        for (var k = 0; k < 3; k++)
        {
            var environment = PodEnvironment(k);
            List<string> args = [.. BuildArgs(Out, workers: k == 1 ? 1 : 2), "--shards", "3", "--work-dir", NewDir($"pod-{k}")];
            if (k == 1)
            {
                environment[CrashPoint.EnvironmentVariable] = CrashPoint.ForRow(CrashPoint.RowStarted, KilledAtRow);
                args.AddRange(["--checkpoint-rows", "1"]);
            }

            runs.Add(ShardedBatchFixture.RunAsync(args, environment));
        }

        var results = await Task.WhenAll(runs);
        Assert.True(results[0].Item1 == 0, "reference build: exit " + results[0].Item1 + "\n" + string.Join("\n", results[0].Item2));
        Reference = TileSnapshot.Read(reference);
        FirstRuns = results.Skip(1).ToList();

        // The rescheduled pod: same index, a new empty work folder, no crash point.
        Restart = await ShardedBatchFixture.RunAsync([.. BuildArgs(Out), "--shards", "3", "--work-dir", NewDir("pod-1-again")], PodEnvironment(1));
        Merge = await ShardedBatchFixture.RunAsync(["merge", "--out", Out, "--json"], StoreEnvironment);
        Status = await ShardedBatchFixture.RunAsync(["status", "--out", Out, "--json"], StoreEnvironment);
        Stored = await DownloadAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Azurite.Dispose();
        _dirs.Dispose();
    }

    /// <summary>Another local catalog over the same world whose every answer takes <paramref name="latencyMs"/> more (the caller disposes it).</summary>
    public Task<LocalCatalogServer> StartSlowServerAsync(int latencyMs) =>
        LocalCatalogServer.StartAsync(_world, new LocalCatalogOptions { Faults = new FaultOptions { LatencyMs = latencyMs } });

    /// <summary><c>build</c> of the sample CSV into <paramref name="output"/> against <paramref name="server"/> (default: the faulty local catalog).</summary>
    public List<string> BuildArgs(string output, int workers = 2, LocalCatalogServer? server = null) => BuildArgs(output, workers, server ?? _server, _span);

    private static List<string> BuildArgs(string output, int workers, LocalCatalogServer server, (DateOnly Start, DateOnly End) span) =>
    [
        "build", "--csv", TestPaths.SampleCsv, "--out", output, "--workers", workers.ToString(CultureInfo.InvariantCulture),
        "--catalog", "planetary-computer",
        .. CatalogArguments.PlanetaryComputer(server),
        "--start", span.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--end", span.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ];

    /// <summary>
    /// Every object under <paramref name="prefix"/> of <paramref name="container"/> (default: the batch's), downloaded
    /// with the Azure SDK (not through axion-tiles) into a new folder.
    /// </summary>
    public async Task<(string Dir, IReadOnlyList<string> Names)> DownloadAsync(string? container = null, string prefix = "run1/")
    {
        var dir = NewDir("remote-copy");
        var client = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(container ?? Container);
        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            var name = blob.Name[prefix.Length..];
            names.Add(name);
            var path = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await client.GetBlobClient(blob.Name).DownloadToAsync(path);
        }

        return (dir, names);
    }

    /// <summary>Uploads every file under <paramref name="dir"/> to <paramref name="container"/> under <paramref name="prefix"/> with the Azure SDK (not through axion-tiles).</summary>
    public async Task UploadAsync(string dir, string container, string prefix)
    {
        var client = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(container);
        foreach (var path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var name = prefix + Path.GetRelativePath(dir, path).Replace(Path.DirectorySeparatorChar, '/');
            await client.GetBlobClient(name).UploadAsync(path, overwrite: true);
        }
    }

    /// <summary>A new temporary folder, deleted with the fixture.</summary>
    public string NewDir(string prefix) => _dirs.New(prefix);
}
