using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Options;

/// <summary>
/// How long a process waits before its first catalog request (<c>--start-jitter</c>), so that a thousand shards started
/// in the same second by a scheduler do not all search in that second: a uniformly random delay between 0 and the
/// option's value. Unless given, the value is 0 for an unsharded batch and, for a shard (<c>--shard</c>, or the
/// environment of a Kubernetes Indexed Job or a Slurm array), <see cref="SecondsPerShard"/> per shard of the batch, at
/// most <see cref="MaxDefaultSeconds"/>: the shards' first searches then start about 10 per second on average.
/// </summary>
public static class StartJitterRule
{
    /// <summary>Seconds of default jitter per shard of the batch: 0.1 (3 shards: up to 0.3 s; 300 shards: up to 30 s).</summary>
    public const double SecondsPerShard = 0.1;

    /// <summary>Cap of the default jitter, seconds: 30.</summary>
    public const double MaxDefaultSeconds = 30;

    /// <summary>The jitter bound when <c>--start-jitter</c> is not given, seconds.</summary>
    /// <param name="shard">This process's shard, or null for an unsharded batch (no jitter).</param>
    public static double DefaultSeconds(ShardSpec? shard) =>
        shard is { } own ? Math.Min(own.Count * SecondsPerShard, MaxDefaultSeconds) : 0;

    /// <summary>A delay drawn uniformly from [0, <paramref name="maxSeconds"/>).</summary>
    /// <param name="maxSeconds">The bound, seconds (0 gives no delay).</param>
    /// <param name="random">The source of randomness (tests pass a seeded one).</param>
    public static TimeSpan Draw(double maxSeconds, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var problem = BuildOptionSpecs.StartJitter.Problem(maxSeconds);
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSeconds), maxSeconds, problem);
        }

        return maxSeconds == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(random.NextDouble() * maxSeconds);
    }
}
