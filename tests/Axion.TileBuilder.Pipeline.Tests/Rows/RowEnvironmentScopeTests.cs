using Axion.TileBuilder.Pipeline.Rows;

namespace Axion.TileBuilder.Pipeline.Tests.Rows;

public sealed class RowEnvironmentScopeTests
{
    [Theory]
    [InlineData(1, 6)]
    [InlineData(4, 6)]
    [InlineData(8, 10)]
    [InlineData(16, 18)]
    [InlineData(64, 32)]
    public void IoThreads_are_workers_plus_two_between_six_and_thirty_two(int workers, int expected)
    {
        Assert.Equal(expected, RowEnvironmentScope.IoThreads(workers));
    }
}
