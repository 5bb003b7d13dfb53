namespace Axion.TileBuilder.LocalCatalog.Server.Http;

/// <summary>
/// Holds the live <see cref="FaultOptions"/> and the seeded RNG behind their random decisions.
/// Replacing the options re-seeds the RNG. Thread-safe.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultOptions _options;
    private Random _random;

    public FaultInjector(FaultOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
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
                _random = new Random(value.Seed);
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

            if (Roll(options.DropConnectionRate))
            {
                return (options, FaultDecision.Drop);
            }

            if (Roll(options.Error503Rate))
            {
                return (options, FaultDecision.Error503);
            }

            if (Roll(options.Error429Rate))
            {
                return (options, FaultDecision.Error429);
            }

            return (options, Roll(options.TruncateRate) ? FaultDecision.Truncate : FaultDecision.None);
        }
    }

    private bool Roll(double rate) => rate > 0 && (rate >= 1 || _random.NextDouble() < rate);
}
