namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>
/// Thread-safe request counters and a ring buffer of recent requests of a <see cref="LocalCatalogServer"/>.
/// </summary>
public sealed class ServerStats
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly int _logSize;
    private readonly Queue<RequestLogEntry> _recent = new();
    private readonly Dictionary<RequestCategory, TrafficTotals> _byCategory = [];
    private readonly Dictionary<string, TrafficTotals> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _byStatus = [];
    private DateTimeOffset _since;
    private long _totalRequests;
    private long _totalBytes;
    private long _subscriptionKeyRequests;

    internal ServerStats(int logSize, TimeProvider clock)
    {
        _logSize = logSize;
        _clock = clock;
        _since = clock.GetUtcNow();
    }

    /// <summary>A consistent copy of every counter.</summary>
    public ServerStatsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ServerStatsSnapshot(
                _since,
                _totalRequests,
                _totalBytes,
                _subscriptionKeyRequests,
                new Dictionary<RequestCategory, TrafficTotals>(_byCategory),
                new Dictionary<string, TrafficTotals>(_byPath, StringComparer.Ordinal),
                new Dictionary<int, long>(_byStatus),
                [.. _recent]);
        }
    }

    /// <summary>Zeroes every counter and empties the request log.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _recent.Clear();
            _byCategory.Clear();
            _byPath.Clear();
            _byStatus.Clear();
            _totalRequests = 0;
            _totalBytes = 0;
            _subscriptionKeyRequests = 0;
            _since = _clock.GetUtcNow();
        }
    }

    internal void Record(RequestLogEntry entry, bool hadSubscriptionKey)
    {
        lock (_gate)
        {
            _totalRequests++;
            _totalBytes += entry.BytesSent;
            if (hadSubscriptionKey)
            {
                _subscriptionKeyRequests++;
            }

            _byCategory[entry.Category] = _byCategory.GetValueOrDefault(entry.Category).Add(entry.BytesSent);
            _byPath[entry.Path] = _byPath.GetValueOrDefault(entry.Path).Add(entry.BytesSent);
            _byStatus[entry.Status] = _byStatus.GetValueOrDefault(entry.Status) + 1;
            if (_logSize > 0)
            {
                if (_recent.Count >= _logSize)
                {
                    _recent.Dequeue();
                }

                _recent.Enqueue(entry);
            }
        }
    }
}
