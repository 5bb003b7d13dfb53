using System.Globalization;

namespace Axion.TileBuilder.Sharding;

/// <summary>
/// Finds this process's shard from the command line or the scheduler's environment, in this order:
/// <list type="number">
/// <item><c>--shard K/N</c> (the environment is then ignored; <c>--shards</c>, if given too, must equal N);</item>
/// <item>Kubernetes Indexed Job: <c>JOB_COMPLETION_INDEX</c> = K, with N from <c>--shards</c> or else <c>AXION_SHARDS</c>
/// (a Job does not tell its pods its <c>completions</c>);</item>
/// <item>Slurm job array: K = (<c>SLURM_ARRAY_TASK_ID</c> - <c>SLURM_ARRAY_TASK_MIN</c>) / <c>SLURM_ARRAY_TASK_STEP</c>
/// (min default 0, step default 1), N = <c>SLURM_ARRAY_TASK_COUNT</c> or else <c>--shards</c>/<c>AXION_SHARDS</c>;</item>
/// <item>none of these: not sharded (null).</item>
/// </list>
/// Pure: the environment is passed in. Inconsistent values throw <see cref="ShardSpecException"/> (exit 2).
/// </summary>
public static class ShardEnvironment
{
    /// <summary>Kubernetes: the pod's completion index in an Indexed Job.</summary>
    public const string JobCompletionIndex = "JOB_COMPLETION_INDEX";

    /// <summary>The number of shards when the scheduler does not give it (Kubernetes); <c>--shards</c> takes precedence.</summary>
    public const string AxionShards = "AXION_SHARDS";

    /// <summary>Slurm: this array task's id.</summary>
    public const string SlurmArrayTaskId = "SLURM_ARRAY_TASK_ID";

    /// <summary>Slurm: the smallest task id of the array (default 0).</summary>
    public const string SlurmArrayTaskMin = "SLURM_ARRAY_TASK_MIN";

    /// <summary>Slurm: the number of tasks of the array.</summary>
    public const string SlurmArrayTaskCount = "SLURM_ARRAY_TASK_COUNT";

    /// <summary>Slurm: the step between task ids (<c>--array=0-30:2</c>; default 1).</summary>
    public const string SlurmArrayTaskStep = "SLURM_ARRAY_TASK_STEP";

    /// <summary>Every environment variable <see cref="Resolve"/> reads.</summary>
    public static IReadOnlyList<string> Variables { get; } =
        [JobCompletionIndex, AxionShards, SlurmArrayTaskId, SlurmArrayTaskMin, SlurmArrayTaskCount, SlurmArrayTaskStep];

    /// <summary>The shard from <paramref name="shardOption"/> (<c>--shard</c>) or else from the environment; null when not sharded.</summary>
    /// <param name="shardOption">The value of <c>--shard</c> (<c>K/N</c>), or null.</param>
    /// <param name="shardsOption">The value of <c>--shards</c>, or null.</param>
    /// <param name="environment">The process environment (name to value).</param>
    /// <exception cref="ShardSpecException">A malformed value or values that disagree; the message quotes them.</exception>
    public static ShardChoice? Resolve(string? shardOption, int? shardsOption, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (shardOption is null)
        {
            return Detect(environment, shardsOption);
        }

        var shard = ShardSpec.Parse(shardOption);
        if (shardsOption is { } shards && shards != shard.Count)
        {
            throw new ShardSpecException(string.Create(
                CultureInfo.InvariantCulture, $"--shard '{shardOption}' and --shards {shards} disagree on the number of shards: give one of them"));
        }

        var ignored = Variables.Where(v => v != AxionShards && Value(environment, v) is not null).Select(v => v + "=" + Value(environment, v)).ToList();
        var reason = ignored.Count == 0
            ? $"from --shard {shard}"
            : $"from --shard {shard} (it takes precedence over {string.Join(", ", ignored)})";
        return new ShardChoice(shard, reason);
    }

    /// <summary>The shard given by a scheduler's environment (Kubernetes, then Slurm); null when none is present.</summary>
    /// <param name="environment">The process environment (name to value).</param>
    /// <param name="shardsOption">The value of <c>--shards</c>, or null.</param>
    /// <exception cref="ShardSpecException">A malformed value or values that disagree; the message quotes them.</exception>
    public static ShardChoice? Detect(IReadOnlyDictionary<string, string?> environment, int? shardsOption)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (shardsOption is { } n)
        {
            ShardSpec.CheckCount(n, $"--shards {n}");
        }

        if (Value(environment, JobCompletionIndex) is { } kubernetesIndex)
        {
            return FromKubernetes(environment, kubernetesIndex, shardsOption);
        }

        if (Value(environment, SlurmArrayTaskId) is { } slurmId)
        {
            return FromSlurm(environment, slurmId, shardsOption);
        }

        if (shardsOption is { } shards)
        {
            throw new ShardSpecException(string.Create(
                CultureInfo.InvariantCulture,
                $"--shards {shards} is given but no shard index: pass --shard K/{shards}, or run where {JobCompletionIndex} (Kubernetes Indexed Job) or {SlurmArrayTaskId} (Slurm array) is set"));
        }

        if (Value(environment, AxionShards) is { } axionShards)
        {
            throw new ShardSpecException(
                $"{AxionShards}={axionShards} is set but no shard index is: pass --shard K/N, or run where {JobCompletionIndex} (Kubernetes Indexed Job) or {SlurmArrayTaskId} (Slurm array) is set; unset {AxionShards} for an unsharded batch");
        }

        return null;
    }

    private static ShardChoice FromKubernetes(IReadOnlyDictionary<string, string?> environment, string indexText, int? shardsOption)
    {
        var index = Number(JobCompletionIndex, indexText);
        var (count, countSource) = SharedCount(environment, shardsOption) ?? throw new ShardSpecException(
            $"{JobCompletionIndex}={indexText} is set but the number of shards is not: pass --shards N (the Job's completions) or set {AxionShards}=N");
        if (index >= count)
        {
            throw new ShardSpecException(string.Create(
                CultureInfo.InvariantCulture,
                $"{JobCompletionIndex}={indexText} is out of range for {countSource}: the index must be 0..{count - 1}; make the Job's completions equal the number of shards"));
        }

        return new ShardChoice(new ShardSpec(index, count), $"from {JobCompletionIndex}={indexText} and {countSource}");
    }

    private static ShardChoice FromSlurm(IReadOnlyDictionary<string, string?> environment, string idText, int? shardsOption)
    {
        var id = Number(SlurmArrayTaskId, idText);
        var minText = Value(environment, SlurmArrayTaskMin);
        var min = minText is null ? 0 : Number(SlurmArrayTaskMin, minText);
        var stepText = Value(environment, SlurmArrayTaskStep);
        var step = stepText is null ? 1 : Number(SlurmArrayTaskStep, stepText);
        if (step < 1)
        {
            throw new ShardSpecException($"{SlurmArrayTaskStep}={stepText} must be at least 1");
        }

        if (id < min || (id - min) % step != 0)
        {
            throw new ShardSpecException(string.Create(
                CultureInfo.InvariantCulture,
                $"{SlurmArrayTaskId}={idText} is not a task of the array starting at {SlurmArrayTaskMin}={min} with step {step}"));
        }

        var index = (id - min) / step;
        var countText = Value(environment, SlurmArrayTaskCount);
        int count;
        string countSource;
        if (countText is not null)
        {
            count = Number(SlurmArrayTaskCount, countText);
            ShardSpec.CheckCount(count, $"{SlurmArrayTaskCount}={countText}");
            if (SharedCount(environment, shardsOption) is { } other && other.Count != count)
            {
                throw new ShardSpecException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{SlurmArrayTaskCount}={countText} and {other.Source} disagree on the number of shards: drop {other.Source} or size the array to {other.Count} tasks"));
            }

            countSource = "count " + countText;
        }
        else
        {
            (count, countSource) = SharedCount(environment, shardsOption) ?? throw new ShardSpecException(
                $"{SlurmArrayTaskId}={idText} is set but {SlurmArrayTaskCount} is not: pass --shards N (the array's size) or set {AxionShards}=N");
        }

        if (index >= count)
        {
            throw new ShardSpecException(string.Create(
                CultureInfo.InvariantCulture,
                $"{SlurmArrayTaskId}={idText} gives shard index {index}, out of range for {count} shards (min {min}, step {step}): the index must be 0..{count - 1}"));
        }

        var details = step == 1 ? $"min {min}, {countSource}" : $"min {min}, step {step}, {countSource}";
        return new ShardChoice(new ShardSpec(index, count), $"from {SlurmArrayTaskId}={idText} ({details})");
    }

    /// <summary>The shard count given by <c>--shards</c> or else <c>AXION_SHARDS</c>, with its source for messages.</summary>
    private static (int Count, string Source)? SharedCount(IReadOnlyDictionary<string, string?> environment, int? shardsOption)
    {
        if (shardsOption is { } shards)
        {
            return (shards, string.Create(CultureInfo.InvariantCulture, $"--shards {shards}"));
        }

        if (Value(environment, AxionShards) is { } text)
        {
            var count = Number(AxionShards, text);
            ShardSpec.CheckCount(count, $"{AxionShards}={text}");
            return (count, $"{AxionShards}={text}");
        }

        return null;
    }

    /// <summary>The trimmed value of <paramref name="name"/>, or null when unset or blank.</summary>
    private static string? Value(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Number(string name, string text) =>
        ShardSpec.TryParseCount(text, out var value)
            ? value
            : throw new ShardSpecException($"{name}='{text}' is not a non-negative whole number");
}
