namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Everything planned for one location before a pixel is computed.</summary>
internal sealed record LocationPlan(
    WorldLocation Location,
    int Index,
    LocationAoi Aoi,
    GridPlan S2Grid,
    GridPlan S1Grid,
    IReadOnlyList<SyntheticScene> S2Scenes,
    IReadOnlyList<SyntheticScene> S1Scenes,
    IReadOnlyList<SyntheticScene>? GrdScenes = null);
