using Axion.TileBuilder.Pipeline.Reporting;

namespace Axion.TileBuilder.Pipeline.Tests.Reporting;

public sealed class TimestepDecisionsTests
{
    [Fact]
    public void Reads_each_timestep_in_k_order_with_its_scene_or_reason_wherever_the_decisions_are()
    {
        const string Steps = """
            {"timesteps": [
              {"timestep": 1, "window": "2024-07-01..2024-12-31", "state": "missing", "reason": "no_clear_scene", "message": "cloudy"},
              {"timestep": 0, "window": "2024-01-01..2024-06-30", "state": "done", "tiles_written": 4,
               "s2": {"id": "S2A_X", "datetime": "2024-03-05T10:00:00+00:00", "cloud_cover": 7.5}, "s1": {"id": "S1A_Y", "datetime": "2024-03-06T05:00:00Z"}}
            ]}
            """;

        foreach (var json in new[] { "{\"decisions\": " + Steps + ", \"tiles\": [{\"File\": \"a\"}]}", "{\"tiles\": [{\"File\": \"a\", \"x\": {\"y\": [1]}}], \"decisions\": " + Steps + "}" })
        {
            var steps = TimestepDecisions.Read(json)!;

            Assert.Equal([0, 1], steps.Select(s => s.Index));
            Assert.Equal(("2024-01-01..2024-06-30", "done", true, 4), (steps[0].Window, steps[0].State, steps[0].IsDone, steps[0].TilesWritten));
            Assert.Equal(("S2A_X", 7.5, "S1A_Y"), (steps[0].S2Item, steps[0].S2CloudCover, steps[0].S1Item));
            Assert.Equal(new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.Zero), steps[0].S2Datetime);
            Assert.Equal(("missing", false, "no_clear_scene", "cloudy", (string?)null), (steps[1].State, steps[1].IsDone, steps[1].Reason, steps[1].Message, steps[1].S2Item));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"tiles": []}""")]
    [InlineData("""{"decisions": {"s2": {"id": "S2A_X"}}, "tiles": []}""")]
    [InlineData("""{"decisions": {"timesteps": 3}}""")]
    public void A_row_without_timesteps_or_unreadable_decisions_has_none(string? itemsJson) =>
        Assert.Null(TimestepDecisions.Read(itemsJson));
}
