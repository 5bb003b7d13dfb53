using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Grid;

/// <summary>An AOI in longitude/latitude, for coverage checks: its bbox and points along its boundary.</summary>
/// <param name="Bounds">The bbox of the AOI (what a scene's bbox must contain).</param>
/// <param name="Boundary">Points on the AOI boundary (what a scene's footprint must contain).</param>
public sealed record AoiExtent(GeoBounds Bounds, IReadOnlyList<GeoPoint> Boundary)
{
    /// <summary>The extent of a planned grid: its densified boundary and the bbox of that boundary.</summary>
    public static AoiExtent FromGrid(AoiGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return new AoiExtent(grid.BoundsLonLat(), grid.BoundaryLonLat());
    }

    /// <summary>The extent of a plain bbox: its four corners are the boundary points.</summary>
    public static AoiExtent FromBounds(GeoBounds bounds) => new(
        bounds,
        [
            new GeoPoint(bounds.West, bounds.North),
            new GeoPoint(bounds.East, bounds.North),
            new GeoPoint(bounds.East, bounds.South),
            new GeoPoint(bounds.West, bounds.South),
        ]);
}
