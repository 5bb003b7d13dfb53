namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>A consistent copy of the counters of a <see cref="ServerStats"/> (also served as <c>GET /_admin/stats</c>).</summary>
/// <param name="Since">When counting started (server start or the last reset), UTC.</param>
/// <param name="TotalRequests">Requests counted (admin endpoints excluded).</param>
/// <param name="TotalBytesSent">Response body bytes written.</param>
/// <param name="SubscriptionKeyRequests">Requests that carried an <c>Ocp-Apim-Subscription-Key</c> header.</param>
/// <param name="ByCategory">Totals per category.</param>
/// <param name="ByPath">Totals per path (without query string).</param>
/// <param name="ByStatus">Request count per status code (0 = dropped connection).</param>
/// <param name="Recent">The last requests, oldest first.</param>
public sealed record ServerStatsSnapshot(
    DateTimeOffset Since,
    long TotalRequests,
    long TotalBytesSent,
    long SubscriptionKeyRequests,
    IReadOnlyDictionary<RequestCategory, TrafficTotals> ByCategory,
    IReadOnlyDictionary<string, TrafficTotals> ByPath,
    IReadOnlyDictionary<int, long> ByStatus,
    IReadOnlyList<RequestLogEntry> Recent)
{
    /// <summary>Totals of one category (zero when none was counted).</summary>
    public TrafficTotals Category(RequestCategory category) =>
        ByCategory.TryGetValue(category, out var totals) ? totals : default;

    /// <summary>Totals of one path (zero when none was counted).</summary>
    public TrafficTotals Path(string path) =>
        ByPath.TryGetValue(path, out var totals) ? totals : default;
}
