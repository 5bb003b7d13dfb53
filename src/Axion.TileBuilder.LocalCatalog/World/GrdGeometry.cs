using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The radar-like geometry of a synthetic Sentinel-1 GRD image: what ground point each raster position shows.
/// Not affine, like a real GRD: across track the ground spacing grows linearly from <see cref="NearSpacingM"/>
/// (near range, column 0) to <see cref="FarSpacingM"/> (far range, last column), as slant-range sampling does,
/// so the ground distance is quadratic in the column; along track lines are <see cref="LineSpacingM"/> apart; the
/// whole image is rotated by the track <see cref="HeadingDeg"/> and centred on a point of a UTM zone.
/// <para>
/// Pixel coordinates are continuous with (0, 0) the top-left corner of the raster (GDAL's convention), so the
/// centre of pixel (col, row) is (col + 0.5, row + 0.5). An affine fit over a whole scene is off by about
/// <c>(FarSpacingM - NearSpacingM) * Width / 16</c> metres (~27 px for 1 434 columns at 8.5-11.5 m); a thin-plate
/// spline or an order-2 polynomial through the GCPs follows it.
/// </para>
/// </summary>
/// <param name="Zone">UTM zone of the frame the geometry is defined in.</param>
/// <param name="North">Northern hemisphere.</param>
/// <param name="CentreEasting">Easting of the raster centre, metres.</param>
/// <param name="CentreNorthing">Northing of the raster centre, metres.</param>
/// <param name="Width">Columns (range samples).</param>
/// <param name="Height">Rows (azimuth lines).</param>
/// <param name="HeadingDeg">Clockwise rotation of the image from north-up, degrees (the columns run towards
/// <c>90 + HeadingDeg</c> degrees azimuth).</param>
/// <param name="NearSpacingM">Ground spacing of the first column, metres.</param>
/// <param name="FarSpacingM">Ground spacing at the last column, metres.</param>
/// <param name="LineSpacingM">Ground spacing of lines, metres. Default 10.</param>
/// <param name="BorderColumns">Columns at each side (near and far range) that hold nodata 0, as real GRD borders do.</param>
public sealed record GrdGeometry(
    int Zone,
    bool North,
    double CentreEasting,
    double CentreNorthing,
    int Width,
    int Height,
    double HeadingDeg,
    double NearSpacingM,
    double FarSpacingM,
    double LineSpacingM = 10,
    int BorderColumns = 0)
{
    /// <summary>Ground distance across track from the left raster edge to continuous column <paramref name="p"/>, metres.</summary>
    public double AcrossM(double p) => (NearSpacingM * p) + ((FarSpacingM - NearSpacingM) / (2.0 * Width) * p * p);

    /// <summary>UTM easting/northing of continuous raster position (p, l).</summary>
    public (double Easting, double Northing) ToMap(double p, double l)
    {
        var u = AcrossM(p) - AcrossM(Width / 2.0);
        var v = ((Height / 2.0) - l) * LineSpacingM;
        var (sin, cos) = Math.SinCos(HeadingDeg * Math.PI / 180);
        return (CentreEasting + (u * cos) + (v * sin), CentreNorthing - (u * sin) + (v * cos));
    }

    /// <summary>The exact inverse of <see cref="ToMap"/>: continuous raster position of a UTM point (may lie outside the raster).</summary>
    public (double P, double L) FromMap(double easting, double northing)
    {
        var de = easting - CentreEasting;
        var dn = northing - CentreNorthing;
        var (sin, cos) = Math.SinCos(HeadingDeg * Math.PI / 180);
        var u = (de * cos) - (dn * sin);
        var v = (de * sin) + (dn * cos);
        var l = (Height / 2.0) - (v / LineSpacingM);
        var a = (FarSpacingM - NearSpacingM) / (2.0 * Width);
        var across = u + AcrossM(Width / 2.0);
        var p = a == 0
            ? across / NearSpacingM
            : (-NearSpacingM + Math.Sqrt(Math.Max(0, (NearSpacingM * NearSpacingM) + (4 * a * across)))) / (2 * a);
        return (p, l);
    }

    /// <summary>Longitude/latitude (WGS 84) of continuous raster position (p, l).</summary>
    public (double Longitude, double Latitude) ToLonLat(double p, double l)
    {
        var (e, n) = ToMap(p, l);
        return Utm.Inverse(e, n, Zone, North);
    }

    /// <summary>Continuous raster position of a longitude/latitude (inverse of <see cref="ToLonLat"/>).</summary>
    public (double P, double L) FromLonLat(double longitude, double latitude)
    {
        var (e, n) = Utm.Forward(longitude, latitude, Zone, North);
        return FromMap(e, n);
    }

    /// <summary>True when column <paramref name="col"/> holds data (not in the nodata border).</summary>
    public bool IsValidColumn(int col) => col >= BorderColumns && col < Width - BorderColumns;

    /// <summary>
    /// A regular grid of <paramref name="across"/> x <paramref name="along"/> GCPs over the raster, corners included,
    /// in EPSG:4326 (X = longitude, Y = latitude), as real GRD products carry (about 21 per line in IW).
    /// </summary>
    public IReadOnlyList<GroundControlPoint> Gcps(int across = 21, int along = 21)
    {
        var gcps = new List<GroundControlPoint>(across * along);
        for (var j = 0; j < along; j++)
        {
            var l = Height * (double)j / (along - 1);
            for (var i = 0; i < across; i++)
            {
                var p = Width * (double)i / (across - 1);
                var (lon, lat) = ToLonLat(p, l);
                gcps.Add(new GroundControlPoint(p, l, lon, lat, 0));
            }
        }

        return gcps;
    }

    /// <summary>Closed [lon, lat] ring of the valid data (inside the nodata borders), 8 points per side.</summary>
    public IReadOnlyList<IReadOnlyList<double>> FootprintLonLat()
    {
        const int PerSide = 8;
        double p0 = BorderColumns, p1 = Width - BorderColumns;
        var ring = new List<IReadOnlyList<double>>();
        void Add(double p, double l)
        {
            var (lon, lat) = ToLonLat(p, l);
            ring.Add([Math.Round(lon, 7), Math.Round(lat, 7)]);
        }

        for (var i = 0; i < PerSide; i++)
        {
            Add(p0 + ((p1 - p0) * i / PerSide), 0);
        }

        for (var i = 0; i < PerSide; i++)
        {
            Add(p1, Height * (double)i / PerSide);
        }

        for (var i = 0; i < PerSide; i++)
        {
            Add(p1 - ((p1 - p0) * i / PerSide), Height);
        }

        for (var i = 0; i < PerSide; i++)
        {
            Add(p0, Height - (Height * (double)i / PerSide));
        }

        ring.Add(ring[0]);

        // GeoJSON rings are counter-clockwise: reverse when the signed area is negative.
        var area = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            area += (ring[i][0] * ring[i + 1][1]) - (ring[i + 1][0] * ring[i][1]);
        }

        if (area < 0)
        {
            ring.Reverse();
        }

        return ring;
    }

    /// <summary>west, south, east, north (degrees) of the whole raster outline.</summary>
    public IReadOnlyList<double> BboxLonLat()
    {
        double w = double.MaxValue, s = double.MaxValue, e = double.MinValue, n = double.MinValue;
        foreach (var g in Gcps(9, 9))
        {
            w = Math.Min(w, g.X);
            e = Math.Max(e, g.X);
            s = Math.Min(s, g.Y);
            n = Math.Max(n, g.Y);
        }

        return [Math.Round(w, 7), Math.Round(s, 7), Math.Round(e, 7), Math.Round(n, 7)];
    }
}
