using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>
/// Two small worlds of one spec (one location, 600 px scenes, Earth Search offset-applied variants), one with
/// <see cref="WorldSpec.IncludeAllBands"/> and one without, shared by <see cref="AllBandsWorldTests"/>.
/// </summary>
public sealed class AllBandsWorldFixture : IDisposable
{
    /// <summary>Baseline 04.00 scenes (location index 0), so every band also has its offset-applied copy.</summary>
    public static readonly WorldSpec Spec = new([new WorldLocation("lyon", 45.76, 4.84)], ScenePx: 600, AoiSizeM: 2560, IncludeAllBands: true);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"axion-bands-world-{Guid.NewGuid():N}");

    public AllBandsWorldFixture()
    {
        World = WorldBuilder.Build(Spec, _root);
        TenMetreOnly = WorldBuilder.Build(Spec with { IncludeAllBands = false }, _root);
    }

    public SyntheticWorld World { get; }

    public SyntheticWorld TenMetreOnly { get; }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
