using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Execution;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Stac.Http;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Security;
using Axion.TileBuilder.Stac.Signing;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>
/// Owns what a <see cref="RowEnvironment"/> needs for the length of a run: the I/O threads, one HTTP
/// client, the process's cap on catalog requests (<see cref="RateLimit"/>), one signer per token endpoint, the STAC
/// clients and the asset readers.
/// </summary>
public sealed class RowEnvironmentScope : IDisposable
{
    private readonly BlockingIoPool _pool;
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _http;
    private readonly Dictionary<string, PlanetaryComputerSigner> _signers = new(StringComparer.Ordinal);
    private readonly HashSet<(PlanetaryComputerSigner Signer, string Collection)> _signedCollections = [];
    private readonly ILogger _log;

    /// <summary>Connect timeout of the catalog and token requests (asset reads go through GDAL, not this client): 10 s.</summary>
    public static readonly TimeSpan StacConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Fewest blocking I/O threads: everything one row opens at once runs at once. While the best scene's SCL is checked,
    /// its band files (four by default) and the two Sentinel-1 files of its pair are opened too: 1 + bands + 2. With 6
    /// threads for the default 7 files, one waited for another's whole read: a round trip on every row's critical path at
    /// <c>--workers 1</c>.
    /// </summary>
    /// <param name="s2Bands">Sentinel-2 bands read (<c>--bands</c>).</param>
    public static int MinIoThreads(int s2Bands) => 1 + s2Bands + 2;

    /// <summary>
    /// Blocking I/O threads for <paramref name="workers"/> workers reading <paramref name="s2Bands"/> Sentinel-2 bands: the
    /// workers plus 2, at least <see cref="MinIoThreads"/> and at most 32. Every in-flight window read holds its compressed
    /// and decoded blocks (10-15 MB), so this number bounds the batch's memory: on 2 cores, 8 workers used 425 MB with 8
    /// threads, 465 MB with 10 and 520-560 MB with 16, in about the same wall time (the batch is CPU-bound there; see
    /// docs/benchmarks.md).
    /// </summary>
    public static int IoThreads(int workers, int s2Bands) => Math.Min(Math.Max(workers + 2, MinIoThreads(s2Bands)), 32);

    /// <param name="settings">Batch settings (profile and options).</param>
    /// <param name="outDir">Output folder of the tiles (empty when nothing is written, e.g. <c>plan</c>).</param>
    /// <param name="subscriptionKey">Planetary Computer subscription key, or null.</param>
    /// <param name="today">Date of the default date window (UTC today when null).</param>
    /// <param name="log">Logger.</param>
    public RowEnvironmentScope(RunSettings settings, string outDir, string? subscriptionKey, DateOnly? today, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _log = log;
        var options = settings.ToBuildOptions();
        RateLimit = options.MaxStacRps > 0 ? new StacRateLimit(options.MaxStacRps) : null;
        _pool = new BlockingIoPool(IoThreads(options.Workers, options.Bands.Count));
        _handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 32,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            ConnectTimeout = StacConnectTimeout,
        };
        _http = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        IHrefSigner SignerFor(SourceProfile source)
        {
            if (source.Signing is not { Method: "planetary-computer" } signing)
            {
                return NoSigning.Instance;
            }

            var endpoint = signing.TokenUrl ?? BuiltInProfiles.PlanetaryComputerToken;
            var hosts = SigningHosts.Parse(signing.EffectiveHosts(BuiltInProfiles.PlanetaryComputerToken));
            if (!_signers.TryGetValue(endpoint, out var signer))
            {
                signer = new PlanetaryComputerSigner(_http, new PlanetaryComputerSignerOptions
                {
                    TokenEndpoint = new Uri(endpoint),
                    SubscriptionKey = subscriptionKey,
                    RateLimit = RateLimit,
                    Log = m => log.Debug("{Message}", SecretRedactor.Redact(m)),
                });
                _signers[endpoint] = signer;
            }

            _signedCollections.Add((signer, source.Collection));
            return new HostScopedSigner(signer, hosts, options.StrictHosts, m => log.Debug("{Message}", m));
        }

        void CatalogLog(string message) => log.Debug("catalog: {Message}", message);

        Environment = new RowEnvironment
        {
            Profile = settings.Profile,
            Options = options,
            OutDir = outDir,
            Today = today ?? DateOnly.FromDateTime(DateTime.UtcNow),
            Sentinel2Catalog = new StacClient(_http, new StacClientOptions(new Uri(settings.Profile.Sentinel2.StacUrl)) { Log = CatalogLog, RateLimit = RateLimit }),
            Sentinel1Catalog = new StacClient(_http, new StacClientOptions(new Uri(settings.Profile.Sentinel1.StacUrl)) { Log = CatalogLog, RateLimit = RateLimit }),
            Sentinel2Reader = new AssetReader(_pool, SignerFor(settings.Profile.Sentinel2), log),
            Sentinel1Reader = new AssetReader(_pool, SignerFor(settings.Profile.Sentinel1), log),
            Log = log,
            ToolVersion = BatchRunner.ToolVersion,
            Quicklooks = settings.Quicklooks,
            ReadAheadBands = outDir.Length > 0, // a build; plan passes no output folder and reads no band pixels
        };
    }

    /// <summary>The environment rows run in; valid until this scope is disposed.</summary>
    public RowEnvironment Environment { get; }

    /// <summary>
    /// The cap on catalog requests (<see cref="RunSettings.MaxStacRps"/>) shared by both STAC clients and every signer of
    /// the run, so by all its workers; null when the setting is 0 (no cap).
    /// </summary>
    public StacRateLimit? RateLimit { get; }

    /// <summary>
    /// Fetches the SAS token of every signed collection of the profile (Planetary Computer: both), all at once, so the
    /// first row finds them cached instead of fetching each after its search answers (two round trips less at cold start).
    /// A row that signs meanwhile waits for this request instead of sending another (one request in flight per
    /// collection), so a batch still asks once per collection. A failure or cancellation is only logged at debug: the
    /// first row that signs asks again and reports the failure as usual.
    /// </summary>
    /// <param name="cancellationToken">Stops the requests (the batch ends or is cancelled).</param>
    /// <returns>Completes when every token is cached or has failed; never faults.</returns>
    public Task PrefetchTokensAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_signedCollections.Select(async signed =>
        {
            try
            {
                await signed.Signer.GetTokenAsync(signed.Collection, cancellationToken);
            }
#pragma warning disable CA1031 // Every failure here is the first signing row's to report; this fetch is only a head start.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log.Debug("SAS token of {Collection} not fetched ahead of the rows ({Message}); the first row to sign asks again", signed.Collection, SecretRedactor.Redact(ex.Message));
            }
        }));

    /// <summary>Logs how many catalog requests went through the cap (and waited for it), then releases everything.</summary>
    public void Dispose()
    {
        if (RateLimit is { } limit)
        {
            _log.Information("Catalog rate cap: {Summary}", limit.ToString());
            limit.Dispose();
        }

        foreach (var signer in _signers.Values)
        {
            signer.Dispose();
        }

        _http.Dispose();
        _handler.Dispose();
        _pool.Dispose();
    }
}
