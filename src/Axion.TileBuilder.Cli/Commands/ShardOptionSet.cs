using System.CommandLine;
using Axion.TileBuilder.Sharding;
using Serilog;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>--shard K/N</c> and <c>--shards N</c> (shared by <c>build</c>, <c>resume</c>, <c>plan</c> and <c>status</c>).</summary>
internal sealed class ShardOptionSet
{
    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Run shard K of N of the batch, as K/N (0 <= K < N <= 100000): only the rows whose id hashes to K "
            + "(XxHash64 of the UTF-8 id, mod N); its journal is <out>/_journal/shard-K-of-N.db and all shards share --out. "
            + "Default: from JOB_COMPLETION_INDEX (Kubernetes Indexed Job; N from --shards or AXION_SHARDS) or SLURM_ARRAY_TASK_ID "
            + "(Slurm array; with SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT), else unsharded. See docs/scale-out.md.",
    };

    public Option<int?> Shards { get; } = new("--shards")
    {
        Description = "Number of shards N when the shard index comes from the environment (a Kubernetes Job's completions); overrides AXION_SHARDS.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Shard);
        command.Options.Add(Shards);
    }

    /// <summary>This process's shard from the options or the environment (null: unsharded); logs which one and why.</summary>
    public ShardSpec? Resolve(ParseResult parse, ILogger log)
    {
        var environment = ShardEnvironment.Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        if (ShardEnvironment.Resolve(parse.GetValue(Shard), parse.GetValue(Shards), environment) is not { } choice)
        {
            return null;
        }

        log.Information("Shard {Shard} ({Reason})", choice.Shard, choice.Reason);
        return choice.Shard;
    }
}
