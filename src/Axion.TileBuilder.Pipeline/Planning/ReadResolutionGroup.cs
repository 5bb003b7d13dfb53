using Axion.TileBuilder.Bands;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// The groups <c>plan</c> splits a row's estimated band-read bytes into: Sentinel-2 by native resolution
/// (<c>s2_10m</c>, <c>s2_20m</c>, <c>s2_60m</c>) and Sentinel-1 (<c>s1</c>), so the cost of extra bands shows.
/// </summary>
public static class ReadResolutionGroup
{
    /// <summary>Every group, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = ["s2_10m", "s2_20m", "s2_60m", "s1"];

    /// <summary>The group of a read of band role <paramref name="band"/> (SCL counts as 20 m).</summary>
    public static string Of(string band) => SpectralBand.Find(band) is { } s2
        ? $"s2_{s2.ResolutionM.ToString(System.Globalization.CultureInfo.InvariantCulture)}m"
        : band == Profiles.S2AssetRoles.Scl ? "s2_20m" : "s1";

    /// <summary>
    /// The estimated bytes of the reads still to do after planning, per group (groups without reads left out), the windows a
    /// build would read ahead and waste (<see cref="RowPlan.ReadAheadWasteByBand"/>) included: they sum to
    /// <see cref="RowPlan.EstimatedBytes"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, long> EstimatedBytes(RowPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Reads.Where(r => !r.ReadInPlan).Select(r => (r.Band, r.Estimate.Bytes))
            .Concat(plan.ReadAheadWasteByBand.Select(w => (Band: w.Key, Bytes: w.Value)))
            .GroupBy(r => Of(r.Band))
            .OrderBy(g => All.ToList().IndexOf(g.Key))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Bytes), StringComparer.Ordinal);
    }

    /// <summary><see cref="EstimatedBytes(RowPlan)"/> added up over several plans (a row's timesteps), groups in display order.</summary>
    public static IReadOnlyDictionary<string, long> Sum(IEnumerable<RowPlan> plans) =>
        plans.SelectMany(p => EstimatedBytes(p))
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .OrderBy(g => All.ToList().IndexOf(g.Key))
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
}
