using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Core.Tests.Selection;

public class DateWindowTests
{
    private static readonly DateOnly Today = new(2025, 3, 10);

    private static LocationRow Row(DateOnly? start = null, DateOnly? end = null) => new("site-7", 9, 1, 2, start, end);

    [Fact]
    public void Defaults_are_the_365_days_ending_today()
    {
        var w = DateWindow.Resolve(Row(), null, null, Today);
        Assert.Equal(new DateWindow(new DateOnly(2024, 3, 10), Today), w);
    }

    [Fact]
    public void Command_line_overrides_defaults_and_row_overrides_command_line()
    {
        var cliStart = new DateOnly(2024, 1, 1);
        var cliEnd = new DateOnly(2024, 12, 31);
        Assert.Equal(new DateWindow(cliStart, cliEnd), DateWindow.Resolve(Row(), cliStart, cliEnd, Today));

        var rowStart = new DateOnly(2024, 6, 1);
        var rowEnd = new DateOnly(2024, 6, 30);
        Assert.Equal(new DateWindow(rowStart, rowEnd), DateWindow.Resolve(Row(rowStart, rowEnd), cliStart, cliEnd, Today));
        Assert.Equal(new DateWindow(rowStart, cliEnd), DateWindow.Resolve(Row(rowStart), cliStart, cliEnd, Today));
        Assert.Equal(new DateWindow(cliStart, rowEnd), DateWindow.Resolve(Row(end: rowEnd), cliStart, cliEnd, Today));
    }

    [Fact]
    public void Only_an_end_gives_365_days_before_it_and_only_a_start_ends_today()
    {
        Assert.Equal(new DateWindow(new DateOnly(2023, 7, 1), new DateOnly(2024, 6, 30)), DateWindow.Resolve(Row(end: new DateOnly(2024, 6, 30)), null, null, Today));
        Assert.Equal(new DateWindow(new DateOnly(2023, 1, 1), Today), DateWindow.Resolve(Row(), new DateOnly(2023, 1, 1), null, Today));
        Assert.Equal(new DateWindow(new DateOnly(2025, 2, 8), Today), DateWindow.Resolve(Row(), null, null, Today, defaultDays: 30));
    }

    [Fact]
    public void Start_after_end_is_bad_input_naming_the_row_and_sources()
    {
        var ex = Assert.Throws<DateWindowException>(() => DateWindow.Resolve(Row(end: new DateOnly(2024, 1, 1)), new DateOnly(2024, 2, 1), null, Today));
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Equal("row 'site-7' (line 9): date window start 2024-02-01 (from --start) is after end 2024-01-01 (from the row's end column).", ex.Message);

        var future = Assert.Throws<DateWindowException>(() => DateWindow.Resolve(Row(start: new DateOnly(2026, 1, 1)), null, null, Today));
        Assert.Contains("today (default)", future.Message);
    }

    [Fact]
    public void Single_day_window_is_valid_and_covers_that_utc_day()
    {
        var day = new DateOnly(2024, 6, 1);
        var w = DateWindow.Resolve(Row(day, day), null, null, Today);
        Assert.True(w.Contains(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(w.Contains(new DateTimeOffset(2024, 6, 1, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(w.Contains(new DateTimeOffset(2024, 6, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(w.Contains(new DateTimeOffset(2024, 6, 1, 23, 0, 0, TimeSpan.FromHours(-2))));
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero), w.Center);
        Assert.Equal("2024-06-01..2024-06-01", w.ToString());
    }

    [Fact]
    public void Split_of_a_year_in_four_gives_seasons_of_whole_days_that_tile_the_window()
    {
        var year = new DateWindow(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31));
        var parts = year.Split(4, "site-7");
        Assert.Equal(
            [
                new DateWindow(new DateOnly(2023, 1, 1), new DateOnly(2023, 4, 1)),
                new DateWindow(new DateOnly(2023, 4, 2), new DateOnly(2023, 7, 1)),
                new DateWindow(new DateOnly(2023, 7, 2), new DateOnly(2023, 9, 30)),
                new DateWindow(new DateOnly(2023, 10, 1), new DateOnly(2023, 12, 31)),
            ],
            parts);
        Assert.Equal([91, 91, 91, 92], parts.Select(p => p.Days));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 7)]
    [InlineData(10, 3)]
    [InlineData(366, 12)]
    [InlineData(1000, 24)]
    public void Split_parts_are_consecutive_differ_by_at_most_a_day_and_cover_every_day(int days, int parts)
    {
        var window = new DateWindow(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1).AddDays(days - 1));
        var split = window.Split(parts, "site-7");
        Assert.Equal(parts, split.Count);
        Assert.Equal(window.Start, split[0].Start);
        Assert.Equal(window.End, split[^1].End);
        for (var k = 1; k < parts; k++)
        {
            Assert.Equal(split[k - 1].End.AddDays(1), split[k].Start);
        }

        Assert.Equal(days, split.Sum(p => p.Days));
        Assert.True(split.Max(p => p.Days) - split.Min(p => p.Days) <= 1);
    }

    [Fact]
    public void Split_into_more_parts_than_days_is_bad_input_naming_the_row_and_the_window()
    {
        var window = new DateWindow(new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 3));
        var ex = Assert.Throws<DateWindowException>(() => window.Split(4, "site-7"));
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("site-7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2024-06-01..2024-06-03 has 3 day(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--timesteps", ex.Message, StringComparison.Ordinal);
    }
}
