using Axion.TileBuilder.Testing.Emulators;

namespace Axion.TileBuilder.Storage.Tests.Emulators;

/// <summary>The tests that share one Azurite (xunit finds collection definitions only in the test assembly itself).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}

/// <summary>The tests that share one s3rver.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
