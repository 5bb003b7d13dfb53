using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// Shared by the reliability tests: the cached 3-location demo world, a 20-row CSV whose rows all
/// lie inside that world's scenes (the three sample points and 17 points 1.2-1.5 km from them), a
/// fault-free reference run of that CSV, and (on first use) one run of it under heavy fault injection.
/// </summary>
public sealed class ReliabilityFixture : IAsyncLifetime
{
    /// <summary>The subscription key the faulted child run gets in its environment.</summary>
    public const string SubscriptionKey = "secret-subscription-key-123";

    private static readonly (double EastKm, double NorthKm)[] Shifts = [(0, 0), (1.5, 0), (-1.5, 0), (0, 1.5), (0, -1.5), (1.2, 1.2), (-1.2, -1.2)];
    private readonly TempFolders _dirs = new();
    private readonly SemaphoreSlim _faultedGate = new(1, 1);
    private FaultedRun? _faulted;
    private LocalCatalogServer? _faultedServer;

    public SyntheticWorld World { get; private set; } = null!;

    /// <summary>First and last Sentinel-2 date of the world (the batch window).</summary>
    public (DateOnly Start, DateOnly End) Span { get; private set; }

    /// <summary>The three sample rows (samples/locations.csv).</summary>
    public IReadOnlyList<LocationRow> SampleRows { get; private set; } = [];

    /// <summary>20 rows: the sample rows under their own ids first, then 17 shifted copies.</summary>
    public string Csv20 { get; private set; } = string.Empty;

    public IReadOnlyList<string> Csv20Ids { get; private set; } = [];

    /// <summary>A fault-free server over <see cref="World"/> (tests that change faults start their own).</summary>
    public LocalCatalogServer CleanServer { get; private set; } = null!;

    /// <summary>Tiles of the fault-free run of <see cref="Csv20"/> (includes the sample rows' tiles).</summary>
    public IReadOnlyDictionary<string, List<string>> Reference { get; private set; } = new Dictionary<string, List<string>>();

    /// <summary>The reference tiles of the three sample rows only.</summary>
    public Dictionary<string, List<string>> SampleReference => TileSnapshot.OfRows(Reference, SampleRows.Select(r => r.Id));

    public async Task InitializeAsync()
    {
        SampleRows = LocationCsvParser.Parse(new StringReader(await File.ReadAllTextAsync(TestPaths.SampleCsv)), "locations.csv").Rows;
        World = WorldBuilder.Build(
            new WorldSpec(SampleRows.Select(r => new WorldLocation(r.Id, r.Latitude, r.Longitude)).ToList(), 2048),
            Path.Combine(TestPaths.WorldCache, "worlds"));
        var s2Dates = World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A).Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
        Span = (s2Dates.Min(), s2Dates.Max());

        var dir = NewDir("rel-data");
        var ids = new List<string>();
        var csv = new StringBuilder("id,lat,lon\n");
        for (var i = 0; i < 20; i++)
        {
            var place = SampleRows[i % SampleRows.Count];
            var (east, north) = Shifts[i / SampleRows.Count];
            var id = i < SampleRows.Count ? place.Id : FormattableString.Invariant($"{place.Id}-{i:00}");
            var lat = place.Latitude + (north / 111.0);
            var lon = place.Longitude + (east / (111.0 * Math.Cos(place.Latitude * Math.PI / 180)));
            csv.Append(CultureInfo.InvariantCulture, $"{id},{lat:F5},{lon:F5}\n");
            ids.Add(id);
        }

        Csv20 = Path.Combine(dir, "rows20.csv");
        await File.WriteAllTextAsync(Csv20, csv.ToString());
        Csv20Ids = ids;

        CleanServer = await LocalCatalogServer.StartAsync(World, new LocalCatalogOptions());
        var outDir = NewDir("rel-ref");
        var result = await CliHarness.RunAsync([.. BuildArgs(Csv20, outDir, CleanServer, workers: 4)]);
        Assert.True(result.ExitCode == 0, "fault-free reference run: " + result);
        Reference = TileSnapshot.Read(outDir);
    }

    public async Task DisposeAsync()
    {
        if (_faultedServer is not null)
        {
            await _faultedServer.DisposeAsync();
        }

        if (CleanServer is not null)
        {
            await CleanServer.DisposeAsync();
        }

        _faultedGate.Dispose();
        _dirs.Dispose();
    }

    /// <summary>A CSV in <paramref name="dir"/> with <paramref name="row"/> alone; returns its path.</summary>
    public static async Task<string> OneRowCsvAsync(string dir, LocationRow row)
    {
        var csv = Path.Combine(dir, "one.csv");
        await File.WriteAllTextAsync(csv, FormattableString.Invariant($"id,lat,lon\n{row.Id},{row.Latitude},{row.Longitude}\n"));
        return csv;
    }

    /// <summary>A temporary folder removed when the collection finishes.</summary>
    public string NewDir(string prefix) => _dirs.New(prefix);

    /// <summary><c>build</c> against <paramref name="server"/> in the Planetary Computer flavour over the world's dates.</summary>
    public List<string> BuildArgs(string csv, string outDir, LocalCatalogServer server, int workers) =>
        BuildArgs(csv, outDir, server.PlanetaryComputerStacRoot.AbsoluteUri, server, workers);

    /// <summary><c>build</c> with another STAC root (e.g. a hostile proxy) and the token endpoint of <paramref name="server"/>.</summary>
    public List<string> BuildArgs(string csv, string outDir, string stacRoot, LocalCatalogServer server, int workers) =>
    [
        "build", "--csv", csv, "--out", outDir, "--workers", workers.ToString(CultureInfo.InvariantCulture),
        "--catalog", "planetary-computer",
        "--stac-url", stacRoot.TrimEnd('/'),
        "--token-url", server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/'),
        "--start", Span.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--end", Span.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ];

    /// <summary>
    /// The 20-row batch, run once as a child process with the product's default GDAL settings, against a server
    /// with 10 % 503, 5 % 429 (Retry-After 1 s), 5 % truncated bodies, 5 % dropped connections on assets, STAC and
    /// token requests, and 4 s SAS tokens; with <c>--verbose --log-file</c> and a subscription key in the environment.
    /// </summary>
    public async Task<FaultedRun> FaultedRunAsync()
    {
        await _faultedGate.WaitAsync();
        try
        {
            return _faulted ??= await RunFaultedAsync();
        }
        finally
        {
            _faultedGate.Release();
        }
    }

    private async Task<FaultedRun> RunFaultedAsync()
    {
        var faults = new FaultOptions
        {
            Error503Rate = 0.10,
            Error429Rate = 0.05,
            RetryAfterSeconds = 1,
            TruncateRate = 0.05,
            DropConnectionRate = 0.05,
            TokenLifetime = TimeSpan.FromSeconds(4),
            AppliesTo = FaultTargets.All,
            Seed = 63, // per category: the first token request gets a 503 and the second STAC request one (FaultInjector)
        };
        _faultedServer = await LocalCatalogServer.StartAsync(World, new LocalCatalogOptions { Faults = faults, RequestLogSize = 1_000_000 });
        var outDir = NewDir("rel-faults");
        var logFile = Path.Combine(NewDir("rel-faults-log"), "run.jsonl");
        var args = BuildArgs(Csv20, outDir, _faultedServer, workers: 4);
        args.AddRange(["--verbose", "--log-file", logFile]);
        var lines = new ConcurrentQueue<string>();
        int exitCode;
        using (var process = ChildCli.Start(args, lines, new Dictionary<string, string> { ["PC_SDK_SUBSCRIPTION_KEY"] = SubscriptionKey }))
        {
            // A guard against a hang only (the run takes well under a minute), never a measure of speed.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the faulted batch did not finish within 10 minutes:\n" + string.Join('\n', lines.TakeLast(40)));
            }

            process.WaitForExit(); // drains the redirected output
            exitCode = process.ExitCode;
        }

        _faultedServer.Faults = FaultOptions.None;
        return new FaultedRun(exitCode, [.. lines], logFile, outDir, _faultedServer, _faultedServer.Stats.Snapshot());
    }
}

/// <summary>What the faulted child run left behind.</summary>
public sealed record FaultedRun(
    int ExitCode,
    IReadOnlyList<string> OutputLines,
    string LogFile,
    string OutDir,
    LocalCatalogServer Server,
    ServerStatsSnapshot Stats)
{
    public string Output => string.Join('\n', OutputLines);
}
