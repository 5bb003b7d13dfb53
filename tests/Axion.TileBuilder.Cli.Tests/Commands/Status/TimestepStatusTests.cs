using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Row = Axion.TileBuilder.Cli.Tests.Support.TimestepJournals.Row;

namespace Axion.TileBuilder.Cli.Tests.Commands.Status;

/// <summary><c>status</c> of a batch of several timesteps: the done rows missing some, and the missing timesteps by reason.</summary>
public sealed class TimestepStatusTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("timestep-status");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Status_text_and_json_count_the_done_rows_missing_timesteps_and_the_missing_ones_by_reason()
    {
        TimestepJournals.Write(
            _dir,
            timesteps: 4,
            minTimesteps: 2,
            new Row("all-four", null, null, null, null),
            new Row("two-cloudy", "no_clear_scene", null, "no_clear_scene", null),
            new Row("no-pair", null, null, null, "no_s1_pair"),
            new Row("too-few"));

        var text = await CliHarness.RunAsync("status", "--out", _dir);
        var json = await CliHarness.RunAsync("status", "--out", _dir, "--json");

        Assert.True(text.ExitCode == ExitCodes.Ok, text.ToString());
        Assert.Contains(
            "\ntimesteps: 4 per row (2 required); done rows missing some: 2 (3 timesteps missing: no_clear_scene 2, no_s1_pair 1)\n",
            text.Stdout.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var t = doc.RootElement.GetProperty("timesteps");
        Assert.Equal((4, 2, 2, 3), (t.GetProperty("per_row").GetInt32(), t.GetProperty("required").GetInt32(), t.GetProperty("rows_missing_some").GetInt32(), t.GetProperty("missing").GetInt32()));
        Assert.Equal(
            [("no_clear_scene", 2), ("no_s1_pair", 1)],
            t.GetProperty("missing_by_reason").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));
        Assert.Equal(1, doc.RootElement.GetProperty("failures_by_reason").GetProperty("too_few_timesteps").GetInt32());
    }

    [Fact]
    public async Task Status_of_a_batch_of_one_timestep_shows_no_timesteps_even_if_a_row_lists_some()
    {
        // The settings say one timestep: the rows' decisions are not read.
        TimestepJournals.Write(_dir, timesteps: 1, minTimesteps: null, new Row("odd", "no_clear_scene", null));

        var text = await CliHarness.RunAsync("status", "--out", _dir);
        var json = await CliHarness.RunAsync("status", "--out", _dir, "--json");

        Assert.True(text.ExitCode == ExitCodes.Ok, text.ToString());
        Assert.DoesNotContain("timesteps", text.Stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("timesteps").ValueKind);
    }

    [Fact]
    public async Task Sharded_status_sums_the_missing_timesteps_of_every_shard_and_shows_each_shard_s_own()
    {
        TimestepJournals.WriteShard(_dir, 0, 2, timesteps: 2, new Row("a", "no_clear_scene", null), new Row("b", null, null));
        TimestepJournals.WriteShard(_dir, 1, 2, timesteps: 2, new Row("c", null, "no_s1_pair"), new Row("d", "no_clear_scene", null));

        var text = await CliHarness.RunAsync("status", "--out", _dir);
        var json = await CliHarness.RunAsync("status", "--out", _dir, "--json");

        Assert.True(text.ExitCode == ExitCodes.Ok, text.ToString());
        Assert.Contains(
            "\ntimesteps: 2 per row (2 required); done rows missing some: 3 (3 timesteps missing: no_clear_scene 2, no_s1_pair 1)\n",
            text.Stdout.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains("shard 0/2: finished; 2 of 2 finished, 2 done, 0 failed, 0 pending; 1 timesteps missing;", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("shard 1/2: finished; 2 of 2 finished, 2 done, 0 failed, 0 pending; 2 timesteps missing;", text.Stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("timesteps").GetProperty("missing").GetInt32());
        Assert.Equal(
            [1, 2],
            doc.RootElement.GetProperty("per_shard").EnumerateArray().Select(s => s.GetProperty("timesteps").GetProperty("missing").GetInt32()));
    }
}
