namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// The first-order model of a build's duration: the bytes at the assumed bandwidth (shared by all
/// workers) plus the requests' round trips spread over the workers.
/// </summary>
public static class BuildDuration
{
    /// <summary>Default assumed bandwidth, MB/s (1 MB = 10^6 bytes).</summary>
    public const double DefaultMegabytesPerSecond = 50;

    /// <summary>Default assumed latency per request, milliseconds.</summary>
    public const double DefaultLatencyMs = 50;

    /// <summary>Seconds = bytes / (MB/s x 10^6) + requests x latency / workers.</summary>
    /// <param name="bytes">Bytes to download.</param>
    /// <param name="requests">HTTP requests.</param>
    /// <param name="megabytesPerSecond">Assumed bandwidth, MB/s, &gt; 0.</param>
    /// <param name="latencyMs">Assumed latency per request, ms, &gt;= 0.</param>
    /// <param name="workers">Rows in parallel, &gt;= 1.</param>
    public static double Seconds(long bytes, long requests, double megabytesPerSecond, double latencyMs, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(megabytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(latencyMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return (bytes / (megabytesPerSecond * 1e6)) + (requests * latencyMs / 1000.0 / workers);
    }
}
