namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>Request count and response body bytes of one path or category.</summary>
/// <param name="Requests">Requests served.</param>
/// <param name="BytesSent">Response body bytes written.</param>
public readonly record struct TrafficTotals(long Requests, long BytesSent)
{
    /// <summary>These totals plus one request of <paramref name="bytes"/> bytes.</summary>
    public TrafficTotals Add(long bytes) => new(Requests + 1, BytesSent + bytes);
}
