using System.Globalization;

namespace Axion.TileBuilder.Cli.Hosting;

/// <summary>
/// The counts of a running batch and the progress line made of them: rows done and failed of all rows, rows
/// finished of those this run processes, rate, ETA, tiles and MB read. Pure: the caller gives the elapsed time.
/// </summary>
/// <param name="Total">Rows in the journal.</param>
/// <param name="DoneBefore">Rows already done when this run started.</param>
/// <param name="ToProcess">Rows this run processes.</param>
/// <param name="Done">Rows this run finished as done.</param>
/// <param name="Failed">Rows this run finished as failed.</param>
/// <param name="Skipped">Rows this run finished as skipped.</param>
/// <param name="Tiles">Tiles written by this run (count).</param>
/// <param name="Bytes">Bytes read by the rows this run finished (bytes).</param>
internal readonly record struct BatchProgress(int Total, int DoneBefore, int ToProcess, int Done, int Failed, int Skipped, long Tiles, long Bytes)
{
    /// <summary>Rows this run finished (done, failed or skipped).</summary>
    public int Finished => Done + Failed + Skipped;

    /// <summary>Rows finished per minute since the run started; 0 before the first.</summary>
    public double RowsPerMinute(TimeSpan elapsed) =>
        Finished == 0 || elapsed <= TimeSpan.Zero ? 0 : Finished / elapsed.TotalMinutes;

    /// <summary>Time left at the current rate; null until a row has finished.</summary>
    public TimeSpan? Eta(TimeSpan elapsed)
    {
        var remaining = Math.Max(0, ToProcess - Finished);
        if (remaining == 0)
        {
            return TimeSpan.Zero;
        }

        var rate = RowsPerMinute(elapsed);
        return rate > 0 ? TimeSpan.FromMinutes(remaining / rate) : null;
    }

    /// <summary>
    /// The line, e.g. <c>rows 45 done, 3 failed of 200 | 48 of 150 this run | 12.0 rows/min | ETA 00:08:30 | 150 tiles | 412.3 MB read</c>.
    /// </summary>
    public string Format(TimeSpan elapsed)
    {
        var eta = Eta(elapsed) is { } e ? FormatDuration(e) : "--:--:--";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"rows {DoneBefore + Done} done, {Failed} failed of {Total} | {Finished} of {ToProcess} this run | {RowsPerMinute(elapsed):F1} rows/min | ETA {eta} | {Tiles} tiles | {Bytes / 1e6:F1} MB read");
    }

    /// <summary><c>hh:mm:ss</c> with as many hour digits as needed (<c>123:04:05</c>).</summary>
    private static string FormatDuration(TimeSpan span)
    {
        var seconds = (long)Math.Round(span.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }
}
