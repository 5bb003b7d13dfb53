using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>
/// One generated world shared by the World tests: a northern location on 2022 dates and a southern one on 2021 dates,
/// 1280 px scenes (12.8 km, still with overviews in every file) around a 3 x 3-tile AOI (7.68 km), to keep the tests fast.
/// </summary>
public sealed class WorldFixture : IDisposable
{
    public WorldFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), $"axion-world-tests-{Guid.NewGuid():N}");
        Spec = new WorldSpec(
        [
            new WorldLocation("paris", 48.8566, 2.3522),
            new WorldLocation("cape", -33.9249, 18.4241),
        ],
        ScenePx: 1280,
        AoiSizeM: 7680);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        World = WorldBuilder.Build(Spec, Root);
        BuildSeconds = watch.Elapsed.TotalSeconds;
    }

    public string Root { get; }

    public WorldSpec Spec { get; }

    public SyntheticWorld World { get; }

    public double BuildSeconds { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
