using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>One small world with Sentinel-1 GRD (one location, 512 px scenes, 716 px GRD rasters), shared by <see cref="GrdWorldTests"/>.</summary>
public sealed class GrdWorldFixture : IDisposable
{
    public static readonly WorldSpec Spec = new(
        [new WorldLocation("lyon", 45.76, 4.84)], ScenePx: 512, IncludeEarthSearchL2AVariants: false, AoiSizeM: 2560, IncludeS1Grd: true);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"axion-grd-world-{Guid.NewGuid():N}");

    public GrdWorldFixture()
    {
        World = WorldBuilder.Build(Spec, _root);
    }

    public SyntheticWorld World { get; }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
