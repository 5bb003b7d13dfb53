using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Core.Tests.Sharding;

public sealed class ShardEnvironmentTests
{
    private static Dictionary<string, string?> Env(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    [Fact]
    public void Nothing_set_is_unsharded() => Assert.Null(ShardEnvironment.Resolve(null, null, Env(("HOME", "/root"), ("JOB_COMPLETION_INDEX", " "))));

    [Fact]
    public void Kubernetes_index_with_shards_option()
    {
        var choice = ShardEnvironment.Resolve(null, 3, Env(("JOB_COMPLETION_INDEX", "2")));

        Assert.Equal(new ShardSpec(2, 3), choice!.Shard);
        Assert.Equal("from JOB_COMPLETION_INDEX=2 and --shards 3", choice.Reason);
    }

    [Fact]
    public void Kubernetes_index_with_axion_shards_and_the_option_wins_over_the_variable()
    {
        var fromVariable = ShardEnvironment.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "0"), ("AXION_SHARDS", "4")));
        Assert.Equal(new ShardSpec(0, 4), fromVariable!.Shard);
        Assert.Equal("from JOB_COMPLETION_INDEX=0 and AXION_SHARDS=4", fromVariable.Reason);

        var fromOption = ShardEnvironment.Resolve(null, 5, Env(("JOB_COMPLETION_INDEX", "4"), ("AXION_SHARDS", "4")));
        Assert.Equal(new ShardSpec(4, 5), fromOption!.Shard);
    }

    [Fact]
    public void Kubernetes_index_without_a_count_is_an_error()
    {
        var ex = Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "2"))));

        Assert.Contains("JOB_COMPLETION_INDEX=2 is set but the number of shards is not", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--shards N", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", "3", "JOB_COMPLETION_INDEX=3 is out of range for --shards 3: the index must be 0..2")]
    [InlineData("x", "3", "JOB_COMPLETION_INDEX='x' is not a non-negative whole number")]
    [InlineData("-1", "3", "JOB_COMPLETION_INDEX='-1' is not a non-negative whole number")]
    public void Kubernetes_index_out_of_range_or_malformed_is_an_error(string index, string shards, string expected)
    {
        var ex = Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, int.Parse(shards), Env(("JOB_COMPLETION_INDEX", index))));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slurm_task_id_minus_min_with_the_array_count()
    {
        var choice = ShardEnvironment.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "7"), ("SLURM_ARRAY_TASK_MIN", "5"), ("SLURM_ARRAY_TASK_COUNT", "4")));

        Assert.Equal(new ShardSpec(2, 4), choice!.Shard);
        Assert.Equal("from SLURM_ARRAY_TASK_ID=7 (min 5, count 4)", choice.Reason);
    }

    [Fact]
    public void Slurm_min_defaults_to_zero_and_a_step_divides()
    {
        Assert.Equal(new ShardSpec(3, 8), ShardEnvironment.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "8")))!.Shard);

        var stepped = ShardEnvironment.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "14"), ("SLURM_ARRAY_TASK_MIN", "10"), ("SLURM_ARRAY_TASK_STEP", "2"), ("SLURM_ARRAY_TASK_COUNT", "5")));
        Assert.Equal(new ShardSpec(2, 5), stepped!.Shard);
        Assert.Equal("from SLURM_ARRAY_TASK_ID=14 (min 10, step 2, count 5)", stepped.Reason);
    }

    [Fact]
    public void Slurm_inconsistent_values_are_errors()
    {
        Assert.Contains(
            "gives shard index 4, out of range for 4 shards",
            Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "9"), ("SLURM_ARRAY_TASK_MIN", "5"), ("SLURM_ARRAY_TASK_COUNT", "4")))).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "SLURM_ARRAY_TASK_ID=3 is not a task of the array starting at SLURM_ARRAY_TASK_MIN=5",
            Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "5"), ("SLURM_ARRAY_TASK_COUNT", "4")))).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "SLURM_ARRAY_TASK_COUNT=4 and --shards 3 disagree",
            Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, 3, Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "4")))).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "SLURM_ARRAY_TASK_ID=1 is set but SLURM_ARRAY_TASK_COUNT is not",
            Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "1")))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Slurm_without_count_takes_the_shards_option()
    {
        var choice = ShardEnvironment.Resolve(null, 6, Env(("SLURM_ARRAY_TASK_ID", "5")));

        Assert.Equal(new ShardSpec(5, 6), choice!.Shard);
        Assert.Equal("from SLURM_ARRAY_TASK_ID=5 (min 0, --shards 6)", choice.Reason);
    }

    [Fact]
    public void Kubernetes_wins_over_slurm_when_both_are_set()
    {
        var choice = ShardEnvironment.Resolve(null, 3, Env(("JOB_COMPLETION_INDEX", "1"), ("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "3")));

        Assert.Equal(new ShardSpec(1, 3), choice!.Shard);
        Assert.StartsWith("from JOB_COMPLETION_INDEX=1", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_shard_wins_over_the_environment_and_says_so()
    {
        var choice = ShardEnvironment.Resolve("0/2", null, Env(("JOB_COMPLETION_INDEX", "1"), ("AXION_SHARDS", "3"), ("SLURM_ARRAY_TASK_ID", "7")));

        Assert.Equal(new ShardSpec(0, 2), choice!.Shard);
        Assert.Equal("from --shard 0/2 (it takes precedence over JOB_COMPLETION_INDEX=1, SLURM_ARRAY_TASK_ID=7)", choice.Reason);
        Assert.Equal("from --shard 1/2", ShardEnvironment.Resolve("1/2", 2, Env())!.Reason);
    }

    [Fact]
    public void Explicit_shard_and_a_different_shards_option_disagree()
    {
        var ex = Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve("1/3", 4, Env()));

        Assert.Contains("--shard '1/3' and --shards 4 disagree", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_without_an_index_is_an_error()
    {
        Assert.Contains("--shards 3 is given but no shard index", Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, 3, Env())).Message, StringComparison.Ordinal);
        Assert.Contains("AXION_SHARDS=3 is set but no shard index is", Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, null, Env(("AXION_SHARDS", "3")))).Message, StringComparison.Ordinal);
        Assert.Contains("--shards 0 is out of range", Assert.Throws<ShardSpecException>(() => ShardEnvironment.Resolve(null, 0, Env(("JOB_COMPLETION_INDEX", "0")))).Message, StringComparison.Ordinal);
    }
}
