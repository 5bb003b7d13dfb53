using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Rows;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Tests.Rows;

public sealed class RowEnvironmentScopeTests
{
    [Theory]
    [InlineData(1, 4, 7)]
    [InlineData(4, 4, 7)]
    [InlineData(5, 4, 7)]
    [InlineData(6, 4, 8)]
    [InlineData(8, 4, 10)]
    [InlineData(16, 4, 18)]
    [InlineData(64, 4, 32)]
    [InlineData(1, 7, 10)]
    [InlineData(8, 12, 15)]
    [InlineData(40, 12, 32)]
    public void IoThreads_are_workers_plus_two_at_least_the_files_a_row_opens_at_once_and_at_most_thirty_two(int workers, int s2Bands, int expected)
    {
        Assert.Equal(expected, RowEnvironmentScope.IoThreads(workers, s2Bands));
    }

    [Fact]
    public void One_catalog_request_cap_at_the_settings_rate_is_shared_by_both_catalogs()
    {
        using var scope = new RowEnvironmentScope(Settings(2.5), string.Empty, null, null, Logger.None);

        var cap = Assert.IsType<Stac.Http.StacRateLimit>(scope.RateLimit);
        Assert.Equal(2.5, cap.RequestsPerSecond);
        Assert.Same(cap, scope.Environment.Sentinel2Catalog.Options.RateLimit);
        Assert.Same(cap, scope.Environment.Sentinel1Catalog.Options.RateLimit);
    }

    [Fact]
    public void A_rate_of_zero_means_no_cap()
    {
        using var scope = new RowEnvironmentScope(Settings(0), string.Empty, null, null, Logger.None);

        Assert.Null(scope.RateLimit);
        Assert.Null(scope.Environment.Sentinel2Catalog.Options.RateLimit);
        Assert.Null(scope.Environment.Sentinel1Catalog.Options.RateLimit);
    }

    private static RunSettings Settings(double rps) => new() { CsvPath = "unused.csv", Profile = BuiltInProfiles.PlanetaryComputer, MaxStacRps = rps };
}
