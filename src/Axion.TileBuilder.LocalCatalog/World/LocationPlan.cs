namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Everything planned for one location before a pixel is computed.</summary>
/// <param name="Location">The place.</param>
/// <param name="Index">Its position in the spec.</param>
/// <param name="Aoi">Its AOI in its own zone.</param>
/// <param name="S2Grid">The (first) Sentinel-2 grid.</param>
/// <param name="S1Grid">The (first) Sentinel-1 grid.</param>
/// <param name="S2Scenes">Every Sentinel-2 scene.</param>
/// <param name="S1Scenes">Every Sentinel-1 scene, by time.</param>
/// <param name="S2Groups">Sentinel-2 scenes by grid; null = one group, <paramref name="S2Grid"/> with every scene.</param>
/// <param name="S1Groups">Sentinel-1 scenes by grid; null = one group, <paramref name="S1Grid"/> with every scene.</param>
/// <param name="GrdScenes">Sentinel-1 GRD products (one per acquisition) when the spec asks for them, else null.</param>
internal sealed record LocationPlan(
    WorldLocation Location,
    int Index,
    LocationAoi Aoi,
    GridPlan S2Grid,
    GridPlan S1Grid,
    IReadOnlyList<SyntheticScene> S2Scenes,
    IReadOnlyList<SyntheticScene> S1Scenes,
    IReadOnlyList<SceneGroup>? S2Groups = null,
    IReadOnlyList<SceneGroup>? S1Groups = null,
    IReadOnlyList<SyntheticScene>? GrdScenes = null)
{
    /// <summary>Sentinel-2 render groups.</summary>
    public IReadOnlyList<SceneGroup> S2RenderGroups => S2Groups ?? [new SceneGroup(S2Grid, S2Scenes)];

    /// <summary>Sentinel-1 render groups.</summary>
    public IReadOnlyList<SceneGroup> S1RenderGroups => S1Groups ?? [new SceneGroup(S1Grid, S1Scenes)];
}
