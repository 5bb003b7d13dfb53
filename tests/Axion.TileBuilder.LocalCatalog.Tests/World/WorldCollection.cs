namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>The World test classes share one generated world.</summary>
[CollectionDefinition(Name)]
public sealed class WorldCollection : ICollectionFixture<WorldFixture>
{
    public const string Name = "synthetic world";
}
