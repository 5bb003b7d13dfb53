using System.Globalization;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Options;

namespace Axion.TileBuilder.Selection;

/// <summary>An inclusive range of UTC days in which scenes are searched.</summary>
/// <param name="Start">First day, UTC.</param>
/// <param name="End">Last day (inclusive), UTC.</param>
public readonly record struct DateWindow(DateOnly Start, DateOnly End)
{
    /// <summary>Start of <see cref="Start"/>, 00:00 UTC.</summary>
    public DateTimeOffset StartUtc => new(Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Start of the day after <see cref="End"/>, 00:00 UTC (exclusive upper bound).</summary>
    public DateTimeOffset EndExclusiveUtc => new(End.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The middle instant of the window (tie-break target for scene ranking).</summary>
    public DateTimeOffset Center => StartUtc + ((EndExclusiveUtc - StartUtc) / 2);

    /// <summary>True when <paramref name="time"/> falls within the window's days.</summary>
    public bool Contains(DateTimeOffset time) => time >= StartUtc && time < EndExclusiveUtc;

    /// <summary>
    /// The window of a row. Each end is taken from the row's column, else the command line, else the
    /// default: <c>end</c> = <paramref name="today"/> (UTC; injected so tests are stable),
    /// <c>start</c> = <c>end</c> minus <paramref name="defaultDays"/> days (null: the default of <see cref="BuildOptionSpecs.WindowDays"/>).
    /// </summary>
    /// <exception cref="DateWindowException">The resolved start is after the resolved end; the message names the row and where each date came from.</exception>
    public static DateWindow Resolve(LocationRow row, DateOnly? cliStart, DateOnly? cliEnd, DateOnly today, int? defaultDays = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        var days = defaultDays ?? BuildOptionSpecs.WindowDays.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);

        var (end, endSource) = row.End is { } re ? (re, "the row's end column")
            : cliEnd is { } ce ? (ce, "--end")
            : (today, "today (default)");
        var (start, startSource) = row.Start is { } rs ? (rs, "the row's start column")
            : cliStart is { } cs ? (cs, "--start")
            : (end.AddDays(-days), string.Create(CultureInfo.InvariantCulture, $"the default ({days} days before the end)"));

        if (start > end)
        {
            throw new DateWindowException(string.Create(
                CultureInfo.InvariantCulture,
                $"row '{row.Id}' (line {row.Line}): date window start {start:yyyy-MM-dd} (from {startSource}) is after end {end:yyyy-MM-dd} (from {endSource})."));
        }

        return new DateWindow(start, end);
    }

    /// <summary>Days in the window, both ends included (at least 1).</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>
    /// The window cut into <paramref name="parts"/> consecutive parts of whole days, as equal as days allow: part k covers
    /// days <c>floor(k D / N)</c> to <c>floor((k + 1) D / N) - 1</c> of the window's <c>D</c> days, oldest first (a year in 4
    /// gives 91, 91, 91 and 92 days). One part is the window itself.
    /// </summary>
    /// <param name="parts">How many parts (<c>--timesteps</c>), 1 up to <see cref="Days"/>.</param>
    /// <param name="rowId">The row whose window it is, for the error message.</param>
    /// <exception cref="DateWindowException">The window has fewer days than <paramref name="parts"/>.</exception>
    public IReadOnlyList<DateWindow> Split(int parts, string rowId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var days = Days;
        if (days < parts)
        {
            throw new DateWindowException(string.Create(
                CultureInfo.InvariantCulture,
                $"row '{rowId}': date window {this} has {days} day(s), fewer than the {parts} timesteps asked for (--timesteps); widen the window or ask for fewer timesteps"));
        }

        var result = new DateWindow[parts];
        for (var k = 0; k < parts; k++)
        {
            var first = (int)((long)k * days / parts);
            var next = (int)((long)(k + 1) * days / parts);
            result[k] = new DateWindow(Start.AddDays(first), Start.AddDays(next - 1));
        }

        return result;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}");
}
