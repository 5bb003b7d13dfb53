namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The nodata part of a scene: a right isosceles triangle cut off one corner, as where a swath edge crosses a
/// tile. A pixel is nodata when its centre is inside: (distance from the corner's vertical edge) +
/// (distance from the corner's horizontal edge) &lt; <see cref="LegM"/>, in grid metres. It never reaches the AOI.
/// </summary>
/// <param name="Corner">Which corner.</param>
/// <param name="LegM">Length of the triangle's legs along the scene edges, metres.</param>
public sealed record SwathWedge(SceneCorner Corner, double LegM)
{
    /// <summary>True when the grid point (easting, northing) of a scene with this upper-left corner and size is nodata.</summary>
    public bool Covers(double originX, double originY, double widthM, double heightM, double easting, double northing)
    {
        var west = Corner is SceneCorner.NorthWest or SceneCorner.SouthWest;
        var south = Corner is SceneCorner.SouthWest or SceneCorner.SouthEast;
        var u = west ? easting - originX : originX + widthM - easting;
        var v = south ? northing - (originY - heightM) : originY - northing;
        return u + v < LegM;
    }
}
