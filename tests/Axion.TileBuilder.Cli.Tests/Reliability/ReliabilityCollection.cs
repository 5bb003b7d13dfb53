namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// The reliability tests share one world, one CSV and one fault-free reference run, and run one after
/// another (they time batches and send signals, so they must not compete with each other for the CPU).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityFixture>
{
    public const string Name = "Reliability";
}
