using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Grid;

/// <summary>
/// The output grid of one location: <see cref="TilesX"/> x <see cref="TilesY"/> tiles of
/// <see cref="TileSize"/> px on a north-up UTM grid whose upper-left corner is
/// (<see cref="OriginX"/>, <see cref="OriginY"/>). Tile (row 0, col 0) is the upper-left tile.
/// </summary>
/// <param name="RowId">The location id.</param>
/// <param name="Epsg">WGS 84 / UTM EPSG code: 326zz north, 327zz south.</param>
/// <param name="Zone">UTM zone, 1..60.</param>
/// <param name="North">True for the northern hemisphere (EPSG 326zz).</param>
/// <param name="OriginX">Easting of the upper-left corner, metres (a multiple of <paramref name="PixelSize"/>).</param>
/// <param name="OriginY">Northing of the upper-left corner, metres (a multiple of <paramref name="PixelSize"/>).</param>
/// <param name="PixelSize">Pixel size, metres. Default 10 (Sentinel-2 10 m bands).</param>
/// <param name="TileSize">Tile edge, pixels. Default 256.</param>
/// <param name="TilesX">Tiles across.</param>
/// <param name="TilesY">Tiles down.</param>
public sealed record AoiGrid(
    string RowId,
    int Epsg,
    int Zone,
    bool North,
    double OriginX,
    double OriginY,
    double PixelSize,
    int TileSize,
    int TilesX,
    int TilesY)
{
    /// <summary>Points per edge when the UTM boundary is projected to longitude/latitude.</summary>
    public const int DensifyPointsPerEdge = 16;

    /// <summary>Width of the whole AOI, pixels.</summary>
    public int Width => TilesX * TileSize;

    /// <summary>Height of the whole AOI, pixels.</summary>
    public int Height => TilesY * TileSize;

    /// <summary>UTM extent of the whole AOI, metres.</summary>
    public UtmBounds Bounds => new(OriginX, OriginY - (Height * PixelSize), OriginX + (Width * PixelSize), OriginY);

    /// <summary>GDAL geotransform of the whole AOI: <c>(OriginX, PixelSize, 0, OriginY, 0, -PixelSize)</c>.</summary>
    public double[] GeoTransform => [OriginX, PixelSize, 0, OriginY, 0, -PixelSize];

    /// <summary>Pixel window of tile (<paramref name="row"/>, <paramref name="col"/>) within the AOI.</summary>
    public PixelWindow TileWindow(int row, int col)
    {
        CheckTile(row, col);
        return new PixelWindow(col * TileSize, row * TileSize, TileSize, TileSize);
    }

    /// <summary>UTM extent of tile (<paramref name="row"/>, <paramref name="col"/>), metres.</summary>
    public UtmBounds TileBounds(int row, int col)
    {
        var w = TileWindow(row, col);
        var minX = OriginX + (w.XOff * PixelSize);
        var maxY = OriginY - (w.YOff * PixelSize);
        return new UtmBounds(minX, maxY - (w.Height * PixelSize), minX + (w.Width * PixelSize), maxY);
    }

    /// <summary>GDAL geotransform of tile (<paramref name="row"/>, <paramref name="col"/>).</summary>
    public double[] TileGeoTransform(int row, int col)
    {
        var b = TileBounds(row, col);
        return [b.MinX, PixelSize, 0, b.MaxY, 0, -PixelSize];
    }

    /// <summary>UTM coordinates of the centre of AOI pixel (<paramref name="col"/>, <paramref name="row"/>), metres.</summary>
    public (double X, double Y) PixelCenter(int col, int row) =>
        (OriginX + ((col + 0.5) * PixelSize), OriginY - ((row + 0.5) * PixelSize));

    /// <summary>
    /// Longitude/latitude of a point given in AOI pixel coordinates: (0, 0) is the upper-left corner
    /// of the AOI, (<see cref="Width"/>, <see cref="Height"/>) the lower-right corner.
    /// </summary>
    public GeoPoint CornerLonLat(double col, double row)
    {
        var (lon, lat) = Utm.Inverse(OriginX + (col * PixelSize), OriginY - (row * PixelSize), Zone, North);
        return new GeoPoint(lon, lat);
    }

    /// <summary>The AOI boundary in longitude/latitude: <see cref="DensifyPointsPerEdge"/> points per edge, clockwise from the upper-left corner.</summary>
    public IReadOnlyList<GeoPoint> BoundaryLonLat()
    {
        const int N = DensifyPointsPerEdge;
        var points = new List<GeoPoint>(4 * N);
        for (var i = 0; i < N; i++)
        {
            points.Add(CornerLonLat((double)Width * i / N, 0));
        }

        for (var i = 0; i < N; i++)
        {
            points.Add(CornerLonLat(Width, (double)Height * i / N));
        }

        for (var i = 0; i < N; i++)
        {
            points.Add(CornerLonLat(Width - ((double)Width * i / N), Height));
        }

        for (var i = 0; i < N; i++)
        {
            points.Add(CornerLonLat(0, Height - ((double)Height * i / N)));
        }

        return points;
    }

    /// <summary>
    /// Longitude/latitude bounding box of the AOI (the bbox for a STAC search), from the densified
    /// UTM boundary. An AOI across the antimeridian gets West &gt; East.
    /// </summary>
    public GeoBounds BoundsLonLat()
    {
        var cm = Utm.CentralMeridian(Zone);
        double west = double.MaxValue, east = double.MinValue, south = double.MaxValue, north = double.MinValue;
        foreach (var p in BoundaryLonLat())
        {
            // Unwrap around the central meridian so an AOI at +-180 gives a narrow box.
            var lon = cm + Utm.NormalizeLongitude(p.Longitude - cm);
            west = Math.Min(west, lon);
            east = Math.Max(east, lon);
            south = Math.Min(south, p.Latitude);
            north = Math.Max(north, p.Latitude);
        }

        return new GeoBounds(WrapEdge(west), south, WrapEdge(east), north);
    }

    private static double WrapEdge(double lon) => lon is >= -180 and <= 180 ? lon : Utm.NormalizeLongitude(lon);

    private void CheckTile(int row, int col)
    {
        if (row < 0 || row >= TilesY)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Tile row must be 0..{TilesY - 1}.");
        }

        if (col < 0 || col >= TilesX)
        {
            throw new ArgumentOutOfRangeException(nameof(col), col, $"Tile column must be 0..{TilesX - 1}.");
        }
    }
}
