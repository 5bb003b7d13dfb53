namespace Axion.TileBuilder.Sharding;

/// <summary>The shard this process takes and, for the log, why (<c>from JOB_COMPLETION_INDEX=2 and --shards 3</c>).</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Reason">Where it came from, as a phrase starting with "from".</param>
public sealed record ShardChoice(ShardSpec Shard, string Reason);
