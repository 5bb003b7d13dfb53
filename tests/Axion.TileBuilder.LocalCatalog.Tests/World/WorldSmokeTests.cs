namespace Axion.TileBuilder.LocalCatalog.Tests.World;

[Collection(WorldCollection.Name)]
public sealed class WorldSmokeTests(WorldFixture fixture)
{
    [Fact]
    public void Builds_in_reasonable_time()
    {
        Assert.True(fixture.BuildSeconds < 60, $"took {fixture.BuildSeconds:F1} s");
        Console.WriteLine($"BUILD {fixture.BuildSeconds:F1} s in {fixture.World.Directory}");
    }
}
