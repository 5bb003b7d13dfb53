using System.Net;
using System.Security.Cryptography;
using Axion.TileBuilder.LocalCatalog.Server.Admin;
using Axion.TileBuilder.LocalCatalog.Server.Assets;
using Axion.TileBuilder.LocalCatalog.Server.Http;
using Axion.TileBuilder.LocalCatalog.Server.Stac;
using Axion.TileBuilder.LocalCatalog.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>
/// A loopback (127.0.0.1) STAC API and asset server over a <see cref="SyntheticWorld"/>, imitating
/// both the Planetary Computer (<c>/api/stac/v1</c>, SAS tokens at <c>/api/sas/v1/token</c>, assets under
/// <c>/blob/</c>) and Earth Search v1 (<c>/v1</c>, public assets under <c>/s3/</c>) at once, with request
/// counters (<see cref="Stats"/>, <c>/_admin/stats</c>) and fault injection (<see cref="Faults"/>,
/// <c>/_admin/faults</c>).
/// </summary>
public sealed class LocalCatalogServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FaultInjector _faults;
    private readonly LocalCatalogOptions _options;
    private StacCatalog? _catalog;
    private long _tokenLifetimeTicks;
    private int _disposed;

    private LocalCatalogServer(WebApplication app, LocalCatalogOptions options, FaultInjector faults, ServerStats stats)
    {
        _app = app;
        _options = options;
        _faults = faults;
        Stats = stats;
        _tokenLifetimeTicks = options.TokenLifetime.Ticks;
        BaseUri = new Uri("http://127.0.0.1/");
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUri { get; private set; }

    /// <summary><c>{base}/api/stac/v1</c>.</summary>
    public Uri PlanetaryComputerStacRoot => new(BaseUri, CatalogUrls.PcRootPath);

    /// <summary><c>{base}/api/sas/v1/token</c> (append <c>/{collection}</c>).</summary>
    public Uri PlanetaryComputerTokenUrl => new(BaseUri, CatalogUrls.TokenPath);

    /// <summary><c>{base}/v1</c>.</summary>
    public Uri EarthSearchStacRoot => new(BaseUri, CatalogUrls.EsRootPath);

    /// <summary>The STAC root of <see cref="LocalCatalogOptions.Flavor"/>.</summary>
    public Uri PrimaryStacRoot => _options.Flavor == CatalogFlavor.EarthSearch ? EarthSearchStacRoot : PlanetaryComputerStacRoot;

    /// <summary>The flavour <see cref="PrimaryStacRoot"/> imitates.</summary>
    public CatalogFlavor Flavor => _options.Flavor;

    /// <summary>TCP port the server listens on.</summary>
    public int Port => BaseUri.Port;

    /// <summary>Request counters and the recent-request log.</summary>
    public ServerStats Stats { get; }

    /// <summary>Live fault knobs; replacing them re-seeds the fault RNG. Thread-safe.</summary>
    public FaultOptions Faults
    {
        get => _faults.Options;
        set => _faults.Options = value;
    }

    /// <summary>Lifetime of newly issued SAS tokens (overridden by <see cref="FaultOptions.TokenLifetime"/> when set). Thread-safe.</summary>
    public TimeSpan TokenLifetime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _tokenLifetimeTicks));
        set
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"TokenLifetime must be positive, got {value}.");
            }

            Interlocked.Exchange(ref _tokenLifetimeTicks, value.Ticks);
        }
    }

    /// <summary>Number of items served by the Planetary Computer flavour.</summary>
    public int PlanetaryComputerItemCount => _catalog?.PcItems.Count ?? 0;

    /// <summary>Number of items served by the Earth Search flavour.</summary>
    public int EarthSearchItemCount => _catalog?.EsItems.Count ?? 0;

    /// <summary>
    /// Starts a server and returns once it is listening and its catalog is built.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options (message quotes the value).</exception>
    public static async Task<LocalCatalogServer> StartAsync(SyntheticWorld world, LocalCatalogOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!System.IO.Directory.Exists(world.Directory))
        {
            throw new ArgumentException($"World directory '{world.Directory}' does not exist.", nameof(world));
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = world.Directory });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();

        var stats = new ServerStats(options.RequestLogSize, options.Clock);
        var faults = new FaultInjector(options.Faults);
        var server = new LocalCatalogServer(app, options, faults, stats);
        var secret = options.Secret is { } given ? [.. given] : RandomNumberGenerator.GetBytes(32);
        var sas = new SasTokenService(secret, options.Clock);
        var pipeline = new RequestPipeline(stats, faults, options.Clock, options.RequestLogger, options.BeforeAnswer);

        app.Use((context, next) =>
        {
            if (AssetUrlAlias.Strip(context.Request.Path.Value ?? string.Empty) is { } unaliased)
            {
                context.Request.Path = unaliased;
            }

            return next(context);
        });
        app.Use(pipeline.InvokeAsync);
        app.UseRouting();
        new PcStacApi(() => server._catalog) { DistinctAssetUrls = options.DistinctAssetUrlsPerSearch }.Map(app);
        new EsStacApi(() => server._catalog) { DistinctAssetUrls = options.DistinctAssetUrlsPerSearch }.Map(app);
        new TokenApi(sas, server.EffectiveTokenLifetime).Map(app);
        new AssetApi(() => server._catalog, sas).Map(app);
        new AdminApi(server).Map(app);

        await app.StartAsync(ct);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var port = new Uri(address).Port;
            server.BaseUri = new Uri(FormattableString.Invariant($"http://127.0.0.1:{port}/"));
            server._catalog = new StacCatalog(world, new CatalogUrls(server.BaseUri.GetLeftPart(UriPartial.Authority)));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Zeroes the counters and empties the request log.</summary>
    public void ResetStats() => Stats.Reset();

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private TimeSpan EffectiveTokenLifetime() => _faults.Options.TokenLifetime ?? TokenLifetime;
}
