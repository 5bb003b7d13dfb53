using Axion.TileBuilder.Storage.Locations;
using Axion.TileBuilder.Storage.Tests.Contract;
using Axion.TileBuilder.Storage.Tests.Emulators;
using Axion.TileBuilder.Testing.Emulators;

namespace Axion.TileBuilder.Storage.Tests.S3;

/// <summary>The store contract against s3rver, through the factory with AWS_ENDPOINT_URL and static keys, under a prefix.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3StoreTests(S3rverFixture s3rver) : ObjectStoreContract
{
    protected override IObjectStore CreateStore(ObjectStoreOptions options)
    {
        var location = OutputLocation.Parse($"s3://{s3rver.CreateBucket()}/runs/r1/");
        return ObjectStoreFactory.Create(location, ObjectStoreFactory.EnvironmentFrom(s3rver.Environment()), options);
    }
}
