using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>
/// A small generated world with one <see cref="WorldLayout.Seasons"/> place (1024 px scenes, a 5.12 km AOI), every optional
/// file (the 20 m and 60 m bands, the Earth Search offset-applied copies, Sentinel-1 GRD), shared by <see cref="SeasonalWorldTests"/>.
/// </summary>
public sealed class SeasonalWorldFixture : IDisposable
{
    public static readonly WorldSpec Spec = new(
        [new WorldLocation("seasons", 48.3, 8.15, WorldLayout.Seasons)],
        ScenePx: 1024,
        AoiSizeM: 5120,
        IncludeS1Grd: true,
        IncludeAllBands: true);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"axion-seasons-world-{Guid.NewGuid():N}");

    public SeasonalWorldFixture() => World = WorldBuilder.Build(Spec, _root);

    public SyntheticWorld World { get; }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
