using Axion.TileBuilder.Gdal.Metering;

namespace Axion.TileBuilder.Gdal.Tests.Metering;

/// <summary>The per-read counter and budget, and the per-row ledger, as the metered handles charge them.</summary>
public sealed class ReadMeterTests
{
    private const string File = "/vsicurl/https://example.test/B04.tif";

    [Fact]
    public void Bytes_asked_for_again_are_charged_once_and_only_new_ranges_count_as_requests()
    {
        var meter = new ReadMeter();
        meter.ChargeOpen(File);

        Assert.True(meter.TryCharge(File, [(0, 65536)]));
        Assert.True(meter.TryCharge(File, [(100, 400)])); // inside the header: cached by GDAL, free
        Assert.True(meter.TryCharge(File, [(70000, 1000), (80000, 500)]));
        Assert.True(meter.TryCharge(File, [(65000, 6000)])); // 65536..70000 and 71000..71000: only the gap is new

        Assert.Equal(65536 + 1000 + 500 + (70000 - 65536), meter.Bytes);
        Assert.Equal(1 + 1 + 2 + 1, meter.Requests);
        Assert.False(meter.Exceeded);
    }

    [Fact]
    public void A_request_that_would_pass_the_budget_is_refused_before_it_is_charged_and_so_is_every_later_one()
    {
        var meter = new ReadMeter(budgetBytes: 100_000);

        Assert.True(meter.TryCharge(File, [(0, 65536)]));
        Assert.False(meter.TryCharge(File, [(65536, 40_000)]));

        Assert.Equal(65536, meter.Bytes);
        Assert.True(meter.Exceeded);
        Assert.Contains("40000 more bytes after 65536", meter.Refusal, StringComparison.Ordinal);
        Assert.Contains("budget of 100000 bytes", meter.Refusal, StringComparison.Ordinal);
        Assert.False(meter.TryCharge(File, [(0, 10)]));
    }

    [Fact]
    public void A_budget_set_after_the_header_applies_to_the_reads_after_it()
    {
        var meter = new ReadMeter();
        Assert.True(meter.TryCharge(File, [(0, 65536)]));

        meter.BudgetBytes = 70_000;

        Assert.True(meter.TryCharge(File, [(65536, 4464)]));
        Assert.False(meter.TryCharge(File, [(70000, 1)]));
        Assert.Equal(70_000, meter.Bytes);
    }

    [Fact]
    public void Two_reads_of_one_row_share_the_ledger_per_file_and_keep_their_own_counts()
    {
        var ledger = new ByteLedger();
        var probe = new ReadMeter(ledger);
        var read = new ReadMeter(ledger);
        probe.ChargeOpen(File);
        read.ChargeOpen(File);

        Assert.True(probe.TryCharge(File, [(0, 65536)]));
        Assert.True(read.TryCharge(File, [(0, 65536)]));
        Assert.True(read.TryCharge(File, [(1_000_000, 300_000)]));
        Assert.True(new ReadMeter(ledger).TryCharge("/vsicurl/https://example.test/B08.tif", [(0, 10)]));

        Assert.Equal(65536, probe.Bytes);
        Assert.Equal(65536 + 300_000, read.Bytes);
        Assert.Equal(65536 + 300_000 + 10, ledger.Bytes);
        Assert.Equal(1 + 2 + 1, ledger.Requests); // one open of B04, its header and block ranges, B08's first range

        ledger.Forget(File);
        Assert.True(new ReadMeter(ledger).TryCharge(File, [(0, 65536)])); // a retry after the cache was dropped: the row pays again
        Assert.Equal(65536 + 300_000 + 10 + 65536, ledger.Bytes);
    }

    [Fact]
    public void Meters_are_exact_when_many_threads_charge_at_once()
    {
        var ledger = new ByteLedger();
        var meters = Enumerable.Range(0, 8).Select(_ => new ReadMeter(ledger)).ToArray();

        Parallel.For(0, 8 * 1000, i => meters[i % 8].TryCharge(File, [((long)(i / 8) * 100, 100)]));

        // Every meter asked for the same 1000 ranges of 100 bytes; the row's ledger has each byte once.
        Assert.All(meters, m => Assert.Equal((100_000L, 1000L), (m.Bytes, m.Requests)));
        Assert.Equal((100_000L, 1000L), (ledger.Bytes, ledger.Requests));
    }
}
