using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Grid;

/// <summary>Plans the output grid of a location.</summary>
public static class AoiGridPlanner
{
    /// <summary>Default tile edge, pixels.</summary>
    public const int DefaultTileSize = 256;

    /// <summary>Default pixel size, metres (Sentinel-2 10 m bands).</summary>
    public const double DefaultPixelSize = 10;

    /// <summary>
    /// A grid of <c>TilesX x TilesY</c> tiles (the row's <c>tiles</c> column, else the defaults)
    /// centred on the row's point, in the point's UTM zone (<see cref="Utm.ZoneFor"/>, EPSG 326zz
    /// north of the equator, 327zz south). The upper-left corner is the centre minus half the extent,
    /// rounded to a multiple of <paramref name="pixelSize"/>, so a same-zone Sentinel-2 read is an
    /// exact pixel copy; the point then lies within half a pixel of the AOI centre.
    /// </summary>
    public static AoiGrid Plan(LocationRow row, int defaultTilesX, int defaultTilesY, int tileSize = DefaultTileSize, double pixelSize = DefaultPixelSize)
    {
        ArgumentNullException.ThrowIfNull(row);
        var tilesX = row.TilesX ?? defaultTilesX;
        var tilesY = row.TilesY ?? defaultTilesY;
        ArgumentOutOfRangeException.ThrowIfLessThan(tilesX, 1, nameof(defaultTilesX));
        ArgumentOutOfRangeException.ThrowIfLessThan(tilesY, 1, nameof(defaultTilesY));
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 1);
        if (!double.IsFinite(pixelSize) || pixelSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pixelSize), pixelSize, "Pixel size must be a positive number of metres.");
        }

        var zone = Utm.ZoneFor(row.Latitude, row.Longitude);
        var north = row.Latitude >= 0;
        var (easting, northing) = Utm.Forward(row.Longitude, row.Latitude, zone, north);

        var halfWidth = tilesX * tileSize * pixelSize / 2;
        var halfHeight = tilesY * tileSize * pixelSize / 2;
        var originX = Snap(easting - halfWidth, pixelSize);
        var originY = Snap(northing + halfHeight, pixelSize);

        return new AoiGrid(row.Id, Utm.EpsgFor(zone, north), zone, north, originX, originY, pixelSize, tileSize, tilesX, tilesY);
    }

    private static double Snap(double value, double step) => Math.Round(value / step, MidpointRounding.AwayFromZero) * step;
}
