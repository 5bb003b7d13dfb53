namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>How to start a <see cref="LocalCatalogServer"/>.</summary>
public sealed record LocalCatalogOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (default) lets the OS pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>Which root is <see cref="LocalCatalogServer.PrimaryStacRoot"/>. Default <see cref="CatalogFlavor.PlanetaryComputer"/>.</summary>
    public CatalogFlavor Flavor { get; init; } = CatalogFlavor.PlanetaryComputer;

    /// <summary>Lifetime of issued SAS tokens. Default 1 hour.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Initial fault knobs. Default none.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>How many recent requests <see cref="ServerStats"/> keeps in its ring buffer. Default 1000.</summary>
    public int RequestLogSize { get; init; } = 1000;

    /// <summary>Secret behind SAS signatures; null (default) = 32 random bytes per server.</summary>
    public IReadOnlyList<byte>? Secret { get; init; }

    /// <summary>Optional sink of one line per request (method, path without query, status, bytes, ms).</summary>
    public Action<string>? RequestLogger { get; init; }

    /// <summary>
    /// Tests: awaited before each request is answered (after it is counted as arrived, before any fault or latency), with
    /// the request's path (no query) and its abort token. Lets a test hold one file's answers until another request
    /// arrives, to prove which requests a client sends without waiting for which. Null (default): nothing is held.
    /// </summary>
    public Func<string, CancellationToken, Task>? BeforeAnswer { get; init; }

    /// <summary>
    /// Clock for SAS issue/expiry checks, the request log's times and the waits of the latency and bandwidth knobs.
    /// Default <see cref="TimeProvider.System"/>; tests inject a fake one.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Benchmarks: every search answer gets its own asset URLs (a <c>/~&lt;hash&gt;</c> path prefix the server strips),
    /// so rows whose AOIs share scenes cannot share a client's cached header or block bytes, as rows in different
    /// scenes of a real batch cannot. Default false.
    /// </summary>
    public bool DistinctAssetUrlsPerSearch { get; init; }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> quoting the first invalid value.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, $"Port must be within 0..65535, got {Port}.");
        }

        if (TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TokenLifetime), TokenLifetime, $"TokenLifetime must be positive, got {TokenLifetime}.");
        }

        if (RequestLogSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestLogSize), RequestLogSize, $"RequestLogSize must be >= 0, got {RequestLogSize}.");
        }

        if (Secret is { Count: 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(Secret), "Secret must not be empty (null = random).");
        }

        ArgumentNullException.ThrowIfNull(Faults);
        ArgumentNullException.ThrowIfNull(Clock);
        Faults.Validate();
    }
}
