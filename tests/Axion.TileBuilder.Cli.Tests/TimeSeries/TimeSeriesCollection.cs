using Axion.TileBuilder.Cli.Tests.Support;

namespace Axion.TileBuilder.Cli.Tests.TimeSeries;

/// <summary>The time series tests share one world of seasons and its builds (<see cref="TimeSeriesBatchFixture"/>), made once.</summary>
[CollectionDefinition(Name)]
public sealed class TimeSeriesCollection : ICollectionFixture<TimeSeriesBatchFixture>
{
    public const string Name = "Time series";
}
