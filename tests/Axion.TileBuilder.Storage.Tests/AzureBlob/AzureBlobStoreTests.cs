using Axion.TileBuilder.Storage.Locations;
using Axion.TileBuilder.Storage.Tests.Contract;
using Axion.TileBuilder.Storage.Tests.Emulators;
using Axion.TileBuilder.Testing.Emulators;

namespace Axion.TileBuilder.Storage.Tests.AzureBlob;

/// <summary>The store contract against Azurite, through the factory with a connection string, under a prefix.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreTests(AzuriteFixture azurite) : ObjectStoreContract
{
    protected override IObjectStore CreateStore(ObjectStoreOptions options)
    {
        var location = OutputLocation.Parse($"az://{azurite.CreateContainer()}/runs/r1");
        var environment = new Dictionary<string, string> { [StorageVariables.AzureConnectionString] = azurite.ConnectionString };
        return ObjectStoreFactory.Create(location, ObjectStoreFactory.EnvironmentFrom(environment), options);
    }
}
