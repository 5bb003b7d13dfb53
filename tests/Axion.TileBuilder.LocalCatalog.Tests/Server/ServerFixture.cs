using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>One fake world and one running server shared by the tests of a class that do not change server state.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    public FakeWorld World { get; private set; } = null!;

    public LocalCatalogServer Server { get; private set; } = null!;

    public HttpClient Client { get; } = Harness.Client();

    public async Task InitializeAsync()
    {
        World = CreateWorld();
        Server = await Harness.StartAsync(World);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Client.Dispose();
        World.Dispose();
    }

    protected abstract FakeWorld CreateWorld();
}

/// <summary>4 Sentinel-2 scenes (with Earth Search offset variants) and 2 Sentinel-1 scenes.</summary>
public sealed class ItemShapeFixture : ServerFixture
{
    protected override FakeWorld CreateWorld() => FakeWorld.Create(s2Count: 4, s1Count: 2, withOffsetVariants: true);
}

/// <summary>23 Sentinel-2 and 3 Sentinel-1 scenes.</summary>
public sealed class PagingFixture : ServerFixture
{
    protected override FakeWorld CreateWorld() => FakeWorld.Create(s2Count: 23, s1Count: 3);
}

/// <summary>10 Sentinel-2 and 2 Sentinel-1 scenes.</summary>
public sealed class SearchFixture : ServerFixture
{
    protected override FakeWorld CreateWorld() => FakeWorld.Create(s2Count: 10, s1Count: 2);
}

/// <summary>1 Sentinel-2 scene.</summary>
public sealed class RangeFixture : ServerFixture
{
    protected override FakeWorld CreateWorld() => FakeWorld.Create(s2Count: 1, s1Count: 0);
}
