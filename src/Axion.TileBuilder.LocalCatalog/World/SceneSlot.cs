namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>One planned Sentinel-2 date of a location: its UTC day, its part in the plan and its processing baseline.</summary>
/// <param name="Date">UTC day of the acquisition.</param>
/// <param name="Role">The scene's part (clouds and scene-level cloud cover, <see cref="CloudPlanner"/>).</param>
/// <param name="Baseline">Processing baseline, e.g. <c>04.00</c>.</param>
internal readonly record struct SceneSlot(DateOnly Date, ScenePlanRole Role, string Baseline);
