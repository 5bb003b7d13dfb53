using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Pipeline.Mosaics;

/// <summary>
/// Groups items of one acquisition into mosaics when no single item covers the AOI. Pure.
/// <para>
/// Two items belong to one acquisition when they come from the same pass: same platform (case-insensitive),
/// same <c>sat:relative_orbit</c> and <c>sat:orbit_state</c> (both absent counts as equal), and datetimes at most
/// <see cref="MaxGap"/> apart. Neighbouring Sentinel-2 MGRS tiles of one datatake carry the same datetime;
/// consecutive Sentinel-1 frames start about 25 s apart. Only such items are merged, so a mosaic never mixes
/// dates (no temporal seams); an AOI that only items of different dates cover together is not built.
/// </para>
/// </summary>
public static class AcquisitionGrouper
{
    /// <summary>Largest time between two items of one acquisition: 10 minutes.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(10);

    /// <summary>Sample points per AOI side used for coverage fractions (a 21 x 21 lattice, edges included).</summary>
    public const int SamplesPerSide = 21;

    /// <summary>True when two items come from the same pass (see the class remarks).</summary>
    public static bool SameAcquisition(SceneCandidate a, SceneCandidate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.Platform, b.Platform, StringComparison.OrdinalIgnoreCase)
            && a.RelativeOrbit == b.RelativeOrbit
            && string.Equals(a.OrbitState, b.OrbitState, StringComparison.OrdinalIgnoreCase)
            && (a.Datetime - b.Datetime).Duration() <= MaxGap;
    }

    /// <summary>
    /// Partitions items into acquisitions: sorted by datetime then id, an item joins the first group whose first
    /// item is of the same acquisition. Deterministic.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SceneCandidate>> Group(IEnumerable<SceneCandidate> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var groups = new List<List<SceneCandidate>>();
        foreach (var item in items.OrderBy(i => i.Datetime).ThenBy(i => i.Id, StringComparer.Ordinal))
        {
            var group = groups.FirstOrDefault(g => SameAcquisition(g[0], item));
            if (group is null)
            {
                groups.Add([item]);
            }
            else
            {
                group.Add(item);
            }
        }

        return groups;
    }

    /// <summary>A <see cref="SamplesPerSide"/> x <see cref="SamplesPerSide"/> lattice of lon/lat points over the AOI, edges included.</summary>
    public static IReadOnlyList<GeoPoint> Samples(AoiGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var points = new List<GeoPoint>(SamplesPerSide * SamplesPerSide);
        for (var r = 0; r < SamplesPerSide; r++)
        {
            for (var c = 0; c < SamplesPerSide; c++)
            {
                points.Add(grid.CornerLonLat((double)grid.Width * c / (SamplesPerSide - 1), (double)grid.Height * r / (SamplesPerSide - 1)));
            }
        }

        return points;
    }

    /// <summary>True when the item's footprint (its bbox when it has none) contains the point.</summary>
    public static bool Contains(SceneCandidate item, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Footprint is { Count: > 0 } rings)
        {
            return RingContainment.ContainsInAny(rings, point);
        }

        return item.BboxLonLat is { Count: 4 or 6 } b
            && point.Longitude >= b[0] && point.Longitude <= b[^2] && point.Latitude >= b[1] && point.Latitude <= b[^1];
    }

    /// <summary>
    /// The mosaics that <paramref name="partials"/> (items that pass every check but do not cover the AOI alone) form:
    /// per acquisition, the items that contain at least one sample, ordered by coverage (most first) then id, kept
    /// when there are at least two and together they contain every sample.
    /// </summary>
    public static IReadOnlyList<Acquisition> Mosaics(IEnumerable<SceneCandidate> partials, IReadOnlyList<GeoPoint> samples)
    {
        ArgumentNullException.ThrowIfNull(partials);
        ArgumentNullException.ThrowIfNull(samples);
        var mosaics = new List<Acquisition>();
        foreach (var group in Group(partials))
        {
            var inside = group.Select(item => samples.Select(p => Contains(item, p)).ToArray()).ToArray();
            var members = group
                .Select((item, i) => (Item: item, Inside: inside[i], Fraction: samples.Count == 0 ? 0 : (double)inside[i].Count(x => x) / samples.Count))
                .Where(m => m.Fraction > 0)
                .OrderByDescending(m => m.Fraction)
                .ThenBy(m => m.Item.Id, StringComparer.Ordinal)
                .ToList();
            if (members.Count < 2)
            {
                continue;
            }

            var covered = Enumerable.Range(0, samples.Count).All(p => members.Any(m => m.Inside[p]));
            if (covered)
            {
                mosaics.Add(new Acquisition(members.Select(m => m.Item).ToList(), members.Select(m => Math.Round(m.Fraction, 4)).ToList()));
            }
        }

        return mosaics;
    }

    /// <summary>
    /// Sentinel-2 order of trial: lowest cloud cover (the highest of a mosaic's items) first, then nearest to
    /// <paramref name="center"/>, then first id (ordinal): for single items exactly the ranker's order.
    /// </summary>
    public static IReadOnlyList<Acquisition> OrderByCloud(IEnumerable<Acquisition> acquisitions, DateTimeOffset center) =>
        acquisitions
            .OrderBy(a => a.CloudCover ?? double.MaxValue)
            .ThenBy(a => (a.Datetime - center).Duration())
            .ThenBy(a => a.First.Id, StringComparer.Ordinal)
            .ToList();
}
