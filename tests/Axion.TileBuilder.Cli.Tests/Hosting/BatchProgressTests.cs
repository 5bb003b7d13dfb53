using Axion.TileBuilder.Cli.Hosting;

namespace Axion.TileBuilder.Cli.Tests.Hosting;

public sealed class BatchProgressTests
{
    [Fact]
    public void Line_shows_n_of_m_rate_eta_tiles_and_megabytes()
    {
        var progress = new BatchProgress(Total: 200, DoneBefore: 10, ToProcess: 190, Done: 45, Failed: 3, Skipped: 0, Tiles: 150, Bytes: 412_300_000);

        // 48 rows in 4 min = 12 rows/min; 142 left = 11 min 50 s.
        Assert.Equal(
            "rows 55 done, 3 failed of 200 | 48 of 190 this run | 12.0 rows/min | ETA 00:11:50 | 150 tiles | 412.3 MB read",
            progress.Format(TimeSpan.FromMinutes(4)));
    }

    [Fact]
    public void Before_the_first_row_there_is_no_rate_and_no_eta()
    {
        var progress = new BatchProgress(3, 0, 3, 0, 0, 0, 0, 0);
        Assert.Equal("rows 0 done, 0 failed of 3 | 0 of 3 this run | 0.0 rows/min | ETA --:--:-- | 0 tiles | 0.0 MB read", progress.Format(TimeSpan.FromSeconds(30)));
        Assert.Null(progress.Eta(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Eta_is_zero_when_every_row_is_finished_and_counts_hours_past_a_day()
    {
        Assert.Equal(TimeSpan.Zero, new BatchProgress(5, 0, 5, 4, 0, 1, 8, 0).Eta(TimeSpan.FromMinutes(1)));

        // 1 row per hour, 1000 rows left.
        var slow = new BatchProgress(1001, 0, 1001, 1, 0, 0, 0, 0);
        Assert.Equal(TimeSpan.FromHours(1000), slow.Eta(TimeSpan.FromHours(1)));
        Assert.Contains("| ETA 1000:00:00 |", slow.Format(TimeSpan.FromHours(1)), StringComparison.Ordinal);
    }
}
