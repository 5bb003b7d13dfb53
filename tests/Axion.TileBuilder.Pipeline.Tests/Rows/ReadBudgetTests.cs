using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Rows;

namespace Axion.TileBuilder.Pipeline.Tests.Rows;

public sealed class ReadBudgetTests
{
    private static readonly CogReadEstimate Estimate = new() { HeaderBytes = 65536, BlocksTouched = 4, BlockBytes = 3_000_000, Ranges = 2, Requests = 4 };

    [Theory]
    [InlineData(1.5, (long)(3_065_536 * 1.5) + ReadBudget.SlackBytes)]
    [InlineData(1.0, 3_065_536 + ReadBudget.SlackBytes)]
    [InlineData(8.0, (3_065_536 * 8) + ReadBudget.SlackBytes)]
    public void Budget_is_the_factor_times_the_estimate_plus_one_header_of_slack(double factor, long expected) =>
        Assert.Equal(expected, ReadBudget.BytesFor(Estimate, factor));
}
