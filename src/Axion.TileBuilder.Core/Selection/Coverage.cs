using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;

namespace Axion.TileBuilder.Selection;

/// <summary>Does a scene cover the AOI? Its bbox must contain the AOI bbox and, when it has a footprint, the footprint every AOI boundary point.</summary>
public static class Coverage
{
    /// <summary>Null when the candidate covers the AOI, else a reason starting with <c>does not cover AOI</c> (or <c>bad bbox</c>).</summary>
    public static string? Problem(SceneCandidate candidate, AoiExtent aoi)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(aoi);
        if (candidate.BboxLonLat is not { Count: 4 or 6 } bbox || bbox.Any(v => !double.IsFinite(v)))
        {
            return "bad bbox (expected 4 or 6 finite numbers)";
        }

        var bounds = GeoBounds.FromArray(bbox);
        if (!bounds.Contains(aoi.Bounds))
        {
            return $"does not cover AOI (bbox {bounds} does not contain AOI {aoi.Bounds})";
        }

        if (candidate.Footprint is { Count: > 0 } rings)
        {
            foreach (var p in aoi.Boundary)
            {
                if (!RingContainment.ContainsInAny(rings, p))
                {
                    return FormattableString.Invariant($"does not cover AOI (footprint excludes AOI point {p.Longitude:0.#####}, {p.Latitude:0.#####})");
                }
            }
        }

        return null;
    }
}
