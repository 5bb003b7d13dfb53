namespace Axion.TileBuilder.Pipeline.Remote;

/// <summary>
/// When a shard with a remote <c>--out</c> uploads a snapshot of its journal: after every <see cref="EveryRows"/> rows
/// finished (done or failed) or <see cref="Every"/> after the last snapshot when a row finished since, whichever comes
/// first, and once more at exit (also on Ctrl+C and SIGTERM).
/// </summary>
/// <param name="EveryRows">Rows finished between two snapshots (<c>--checkpoint-rows</c>, default 50; at least 1).</param>
/// <param name="Every">Longest time between two snapshots while rows finish (<c>--checkpoint-seconds</c>, default 60 s).</param>
public sealed record CheckpointPolicy(int EveryRows, TimeSpan Every)
{
    /// <summary>Default rows between snapshots.</summary>
    public const int DefaultRows = 50;

    /// <summary>Default seconds between snapshots.</summary>
    public const double DefaultSeconds = 60;

    /// <summary>50 rows or 60 s.</summary>
    public static CheckpointPolicy Default { get; } = new(DefaultRows, TimeSpan.FromSeconds(DefaultSeconds));
}
