namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>The first and the last UTC day on which scenes of a world were acquired (both inclusive).</summary>
/// <param name="First">Day of the earliest scene.</param>
/// <param name="Last">Day of the latest scene.</param>
public readonly record struct SceneDateSpan(DateOnly First, DateOnly Last)
{
    /// <summary>The span of <paramref name="scenes"/>' acquisition days; null when there are none.</summary>
    public static SceneDateSpan? Of(IEnumerable<SyntheticScene> scenes)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        var days = scenes.Select(s => DateOnly.FromDateTime(s.Datetime.UtcDateTime)).ToList();
        return days.Count == 0 ? null : new SceneDateSpan(days.Min(), days.Max());
    }
}
