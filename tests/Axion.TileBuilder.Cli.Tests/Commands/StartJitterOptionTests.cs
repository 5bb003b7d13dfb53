using System.CommandLine;
using Axion.TileBuilder.Cli.Commands;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Sharding;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Axion.TileBuilder.Cli.Tests.Commands;

/// <summary>The start jitter a run draws (seeded randomness, no clock) and the line it logs.</summary>
public sealed class StartJitterOptionTests : ILogEventSink
{
    private readonly List<string> _lines = [];

    void ILogEventSink.Emit(LogEvent logEvent) => _lines.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void An_unsharded_run_does_not_wait_and_logs_nothing()
    {
        Assert.Equal(TimeSpan.Zero, Resolve([], null, seed: 1));
        Assert.Empty(_lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_shard_of_300_draws_within_30_seconds_and_logs_the_wait_and_why(int seed)
    {
        var delay = Resolve([], new ShardSpec(4, 300), seed);

        Assert.Equal(new Random(seed).NextDouble() * 30, delay.TotalSeconds, 6);
        Assert.InRange(delay.TotalSeconds, 0, 30);
        var line = Assert.Single(_lines);
        Assert.Contains($"Start jitter: waiting {delay.TotalSeconds:0.000} s (drawn from 0-30 s, default for shard 4/300: 0.1 s per shard, at most 30 s) before the first catalog request", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_given_bound_wins_over_the_shards_default_and_zero_turns_it_off()
    {
        var delay = Resolve(["--start-jitter", "2.5"], new ShardSpec(0, 300), seed: 9);

        Assert.InRange(delay.TotalSeconds, 0, 2.5);
        Assert.Contains("(drawn from 0-2.5 s, --start-jitter)", Assert.Single(_lines), StringComparison.Ordinal);

        Assert.Equal(TimeSpan.Zero, Resolve(["--start-jitter", "0"], new ShardSpec(0, 300), seed: 9));
        Assert.Single(_lines);
    }

    [Fact]
    public void A_bound_out_of_range_is_bad_input_naming_the_option()
    {
        var e = Assert.Throws<AxionException>(() => Resolve(["--start-jitter", "900"], null, seed: 1));

        Assert.Equal(FailureKind.BadInput, e.Kind);
        Assert.Equal("invalid options: --start-jitter 900 must be 0..600 (seconds)", e.Message);
    }

    private TimeSpan Resolve(string[] args, ShardSpec? shard, int seed)
    {
        var option = new StartJitterOption();
        var command = new Command("build");
        option.AddTo(command);
        using var log = new LoggerConfiguration().WriteTo.Sink(this).CreateLogger();
        return option.Resolve(command.Parse(args), shard, log, new Random(seed));
    }
}
