using Axion.TileBuilder.Pipeline.Remote;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>A batch to run (build or resume).</summary>
public sealed record BatchRequest
{
    /// <summary>Output folder: tiles, index, journal. With <see cref="Remote"/>: the local work folder.</summary>
    public required string OutDir { get; init; }

    /// <summary>
    /// The object store when <c>--out</c> is <c>az://</c> or <c>s3://</c> (its <see cref="RemoteOutput.WorkDir"/> is
    /// <see cref="OutDir"/>): tiles are uploaded before their row is marked done and journal snapshots are uploaded as
    /// the batch runs. Null: <see cref="OutDir"/> is the output.
    /// </summary>
    public RemoteOutput? Remote { get; init; }

    /// <summary>The settings (for resume: those stored in the journal, with the live endpoints).</summary>
    public required RunSettings Settings { get; init; }

    /// <summary>Over an out dir of a different batch: start afresh instead of refusing.</summary>
    public bool Force { get; init; }

    /// <summary>This is a resume: the journal must exist.</summary>
    public bool Resume { get; init; }

    /// <summary>Also retry rows that failed for transient reasons.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>Also retry rows that failed for permanent reasons and rows without a scene (never bad input).</summary>
    public bool RetryPermanent { get; init; }

    /// <summary>Planetary Computer subscription key (from <c>PC_SDK_SUBSCRIPTION_KEY</c>), never stored.</summary>
    public string? SubscriptionKey { get; init; }

    /// <summary>
    /// This process's shard of the batch (<c>--shard K/N</c> or a scheduler's index): only the rows of the shard are seeded
    /// and the journal is <c>_journal/shard-K-of-N.db</c> (<see cref="ShardedBatchLayout"/>). Null: unsharded, <c>journal.db</c>.
    /// </summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>
    /// Wait before any row is claimed, so before the first catalog request (the start jitter drawn from
    /// <c>--start-jitter</c>, <see cref="Options.StartJitterRule"/>; <see cref="BatchStart"/>). Default zero.
    /// </summary>
    public TimeSpan StartJitter { get; init; }

    /// <summary>Clock of the <see cref="StartJitter"/> wait; <see cref="TimeProvider.System"/> when null (tests pass a fake).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Date used for the default date window; today (UTC) when null.</summary>
    public DateOnly? Today { get; init; }
}
