using Axion.TileBuilder.Cli.Hosting;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Tests.Hosting;

/// <summary>The progress of a build, driven by a hand-moved clock (no waiting, no wall-clock asserts).</summary>
public sealed class ProgressDisplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Not_on_a_terminal_a_line_is_printed_at_the_start_then_every_ten_seconds_even_without_a_finished_row()
    {
        var clock = new ManualClock(T0);
        using var error = new StringWriter();
        using var display = new ProgressDisplay(error, live: false, clock);

        display.Started(total: 200, alreadyDone: 10, toProcess: 190);
        clock.Advance(TimeSpan.FromSeconds(3));
        display.RowFinished(Done("a", tiles: 2, bytes: 5_000_000));
        Assert.Equal(["progress: rows 10 done, 0 failed of 200 | 0 of 190 this run | 0.0 rows/min | ETA --:--:-- | 0 tiles | 0.0 MB read"], Lines(error));

        clock.Advance(TimeSpan.FromSeconds(7));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(
            [
                "progress: rows 10 done, 0 failed of 200 | 0 of 190 this run | 0.0 rows/min | ETA --:--:-- | 0 tiles | 0.0 MB read",
                "progress: rows 11 done, 0 failed of 200 | 1 of 190 this run | 6.0 rows/min | ETA 00:31:30 | 2 tiles | 5.0 MB read",
                "progress: rows 11 done, 0 failed of 200 | 1 of 190 this run | 3.0 rows/min | ETA 01:03:00 | 2 tiles | 5.0 MB read",
            ],
            Lines(error));
    }

    [Fact]
    public void Not_on_a_terminal_rows_between_two_lines_show_in_the_next_and_the_last_row_prints_a_final_line()
    {
        var clock = new ManualClock(T0);
        using var error = new StringWriter();
        var display = new ProgressDisplay(error, live: false, clock);

        display.Started(total: 3, alreadyDone: 0, toProcess: 3);
        clock.Advance(TimeSpan.FromSeconds(9.5));
        display.RowFinished(Done("a", tiles: 4, bytes: 1_000_000));
        clock.Advance(TimeSpan.FromSeconds(5.5)); // the line at 10 s
        display.RowFinished(Failed("b"));
        clock.Advance(TimeSpan.FromSeconds(5));   // the line at 20 s
        clock.Advance(TimeSpan.FromSeconds(4));
        display.RowFinished(new RowReport("c", RowState.Skipped, 0, 0, 1, "outside", null)); // 24 s, the last row
        display.Dispose();
        clock.Advance(TimeSpan.FromMinutes(5)); // nothing after the end

        Assert.Equal(
            [
                "progress: rows 0 done, 0 failed of 3 | 0 of 3 this run | 0.0 rows/min | ETA --:--:-- | 0 tiles | 0.0 MB read",
                "progress: rows 1 done, 0 failed of 3 | 1 of 3 this run | 6.0 rows/min | ETA 00:00:20 | 4 tiles | 1.0 MB read",
                "progress: rows 1 done, 1 failed of 3 | 2 of 3 this run | 6.0 rows/min | ETA 00:00:10 | 4 tiles | 1.0 MB read",
                "progress: rows 1 done, 1 failed of 3 | 3 of 3 this run | 7.5 rows/min | ETA 00:00:00 | 4 tiles | 1.0 MB read",
            ],
            Lines(error));
    }

    [Fact]
    public void The_interval_is_a_parameter()
    {
        var clock = new ManualClock(T0);
        using var error = new StringWriter();
        using var display = new ProgressDisplay(error, live: false, clock, plainInterval: TimeSpan.FromSeconds(2));
        display.Started(total: 10, alreadyDone: 0, toProcess: 10);
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(4, Lines(error).Length); // 0, 2, 4 and 6 s
    }

    [Fact]
    public void On_a_terminal_one_line_is_redrawn_in_place_every_second_and_ended_after_the_last_row()
    {
        var clock = new ManualClock(T0);
        using var error = new StringWriter();
        using var display = new ProgressDisplay(error, live: true, clock);

        display.Started(total: 2, alreadyDone: 0, toProcess: 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        display.RowFinished(Done("a", tiles: 1, bytes: 2_500_000));
        clock.Advance(TimeSpan.FromSeconds(1));
        display.RowFinished(Done("b", tiles: 1, bytes: 2_500_000));
        clock.Advance(TimeSpan.FromSeconds(3));

        const string Erase = "\u001b[K";
        Assert.Equal(
            "\rrows 0 done, 0 failed of 2 | 0 of 2 this run | 0.0 rows/min | ETA --:--:-- | 0 tiles | 0.0 MB read" + Erase
            + "\rrows 0 done, 0 failed of 2 | 0 of 2 this run | 0.0 rows/min | ETA --:--:-- | 0 tiles | 0.0 MB read" + Erase
            + "\rrows 1 done, 0 failed of 2 | 1 of 2 this run | 60.0 rows/min | ETA 00:00:01 | 1 tiles | 2.5 MB read" + Erase
            + "\rrows 1 done, 0 failed of 2 | 1 of 2 this run | 30.0 rows/min | ETA 00:00:02 | 1 tiles | 2.5 MB read" + Erase
            + "\rrows 2 done, 0 failed of 2 | 2 of 2 this run | 60.0 rows/min | ETA 00:00:00 | 2 tiles | 5.0 MB read" + Erase
            + Environment.NewLine,
            error.ToString());
    }

    [Fact]
    public void On_a_terminal_a_stopped_batch_ends_its_line_when_disposed()
    {
        var clock = new ManualClock(T0);
        using var error = new StringWriter();
        var display = new ProgressDisplay(error, live: true, clock);
        display.Started(total: 5, alreadyDone: 0, toProcess: 5);
        display.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.EndsWith("MB read\u001b[K" + Environment.NewLine, error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries));
    }

    private static RowReport Done(string id, int tiles, long bytes) => new(id, RowState.Done, tiles, bytes, 1, null, null);

    private static RowReport Failed(string id) => new(id, RowState.Failed, 0, 0, 1, "http_503", "503");

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
