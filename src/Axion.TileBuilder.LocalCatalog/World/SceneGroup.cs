namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Scenes of one location that share a grid and a valid-data footprint (rendered together).</summary>
/// <param name="Grid">The shared grid.</param>
/// <param name="Scenes">The scenes on it (all of one kind).</param>
internal sealed record SceneGroup(GridPlan Grid, IReadOnlyList<SyntheticScene> Scenes);
