namespace Axion.TileBuilder.LocalCatalog.Server.Http;

/// <summary>
/// Holds the live <see cref="FaultOptions"/> and the seeded RNGs behind their random decisions: one per request
/// category (assets, STAC, token), so the faults the n-th request of a category meets depend only on the seed and n,
/// not on how a client's requests of different kinds interleave (a test can rely on "the first token request fails").
/// Replacing the options re-seeds them. Thread-safe.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultOptions _options;
    private Dictionary<FaultTargets, Random> _random = [];

    public FaultInjector(FaultOptions options)
    {
        _options = options;
    }

    public FaultOptions Options
    {
        get
        {
            lock (_gate)
            {
                return _options;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate)
            {
                _options = value;
                _random = [];
            }
        }
    }

    /// <summary>Draws the fault for one request of the given category (order: drop, 503, 429, truncate).</summary>
    public (FaultOptions Options, FaultDecision Decision) Decide(FaultTargets category)
    {
        lock (_gate)
        {
            var options = _options;
            if ((options.AppliesTo & category) == 0)
            {
                return (options, FaultDecision.None);
            }

            if (!_random.TryGetValue(category, out var random))
            {
                random = new Random(unchecked((options.Seed * 31) + (int)category));
                _random[category] = random;
            }

            if (Roll(random, options.DropConnectionRate))
            {
                return (options, FaultDecision.Drop);
            }

            if (Roll(random, options.Error503Rate))
            {
                return (options, FaultDecision.Error503);
            }

            if (Roll(random, options.Error429Rate))
            {
                return (options, FaultDecision.Error429);
            }

            return (options, Roll(random, options.TruncateRate) ? FaultDecision.Truncate : FaultDecision.None);
        }
    }

    private static bool Roll(Random random, double rate) => rate > 0 && (rate >= 1 || random.NextDouble() < rate);
}
