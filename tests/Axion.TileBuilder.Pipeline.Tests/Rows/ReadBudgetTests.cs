using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Rows;

namespace Axion.TileBuilder.Pipeline.Tests.Rows;

public sealed class ReadBudgetTests
{
    private static readonly AssetReadPlan Read = new()
    {
        Band = "B04",
        ItemId = "S2B_MSIL2A_20220312T164418_R115_T15TVG_20220312T200715",
        AssetKey = "B04",
        Href = "https://example.test/B04.tif",
        Method = ReadMethod.Aligned,
        Resampling = "bilinear",
        SourceWidth = 10980,
        SourceHeight = 10980,
        SourcePixelSize = 10,
        BlockWidth = 1024,
        BlockHeight = 1024,
        Estimate = new CogReadEstimate { HeaderBytes = 65536, BlocksTouched = 4, BlockBytes = 3_000_000, Ranges = 2, Requests = 4 },
    };

    [Theory]
    [InlineData(1.5, 3_065_536)]
    [InlineData(1.5, (long)(3_065_536 * 1.5) + ReadBudget.SlackBytes)]
    [InlineData(1.0, 3_065_536 + ReadBudget.SlackBytes)]
    public void Reads_within_the_budget_pass(double factor, long bytes) => ReadBudget.Check(Read, bytes, 1, factor);

    [Fact]
    public void A_read_retried_as_a_whole_may_download_its_window_once_per_attempt()
    {
        var once = (long)(3_065_536 * 1.5) + ReadBudget.SlackBytes;
        ReadBudget.Check(Read, 3 * once, 3, 1.5);
        Assert.Throws<RowFailedException>(() => ReadBudget.Check(Read, (3 * once) + 1, 3, 1.5));
    }

    [Theory]
    [InlineData(1.5, (long)(3_065_536 * 1.5) + ReadBudget.SlackBytes + 1)]
    [InlineData(1.5, 240_000_000)] // the whole 10980 px band
    [InlineData(1.0, 3_065_536 + ReadBudget.SlackBytes + 1)]
    public void A_read_over_the_budget_fails_the_row_naming_the_asset(double factor, long bytes)
    {
        var ex = Assert.Throws<RowFailedException>(() => ReadBudget.Check(Read, bytes, 1, factor));
        Assert.Equal(FailureKind.Permanent, ex.Kind);
        Assert.Equal("read_budget_exceeded", ex.Reason);
        Assert.Contains($"reading B04 of {Read.ItemId} downloaded {bytes} bytes in 1 attempt(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--max-read-factor", ex.Message, StringComparison.Ordinal);
    }
}
