using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Sharding;
using Serilog;
using S = Axion.TileBuilder.Options.BuildOptionSpecs;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// <c>--start-jitter SECONDS</c> (shared by <c>build</c> and <c>resume</c>): the bound of the random wait before the
/// process's first catalog request (<see cref="StartJitterRule"/>). Not a batch setting: it is not stored in the journal.
/// </summary>
internal sealed class StartJitterOption
{
    public Option<double?> StartJitter { get; } = new(S.StartJitter.Name)
    {
        Description = string.Create(
            CultureInfo.InvariantCulture,
            $"Before its first catalog request the process waits a random time between 0 and this many seconds ({S.StartJitter.RangeText}), so shards started together do not all search in the same second; the log says how long. Default: {S.StartJitter.Default} unsharded; for a shard (--shard, JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID) {StartJitterRule.SecondsPerShard:0.#} s per shard of the batch, at most {StartJitterRule.MaxDefaultSeconds:0} s."),
    };

    public void AddTo(Command command) => command.Options.Add(StartJitter);

    /// <summary>
    /// The start jitter of this run: a delay drawn from <paramref name="random"/> between 0 and the option's value (or the
    /// default for <paramref name="shard"/>); logged when it is not zero.
    /// </summary>
    /// <exception cref="AxionException">The value is out of range (bad input, exit 2).</exception>
    public TimeSpan Resolve(ParseResult parse, ShardSpec? shard, ILogger log, Random random)
    {
        var given = parse.GetValue(StartJitter);
        var bound = given ?? StartJitterRule.DefaultSeconds(shard);
        if (S.StartJitter.Problem(bound) is { } problem)
        {
            throw new AxionException(FailureKind.BadInput, "invalid options: " + problem);
        }

        var delay = StartJitterRule.Draw(bound, random);
        if (bound > 0)
        {
            var why = given is not null ? "--start-jitter" : string.Create(CultureInfo.InvariantCulture, $"default for shard {shard}: {StartJitterRule.SecondsPerShard:0.#} s per shard, at most {StartJitterRule.MaxDefaultSeconds:0} s");
            log.Information(
                "Start jitter: waiting {Seconds:0.000} s (drawn from 0-{Bound:0.###} s, {Why:l}) before the first catalog request",
                delay.TotalSeconds,
                bound,
                why);
        }

        return delay;
    }
}
