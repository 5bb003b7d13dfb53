namespace Axion.TileBuilder.Geo;

/// <summary>
/// Transverse Mercator for the UTM zones on WGS 84, by the Krüger series to the 6th order
/// (Karney 2011): sub-millimetre within a zone and well beyond its edges. Pure math, so grid
/// planning needs neither GDAL nor PROJ; a test checks it against PROJ through the GDAL layer.
/// </summary>
public static class Utm
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257223563;
    private const double K0 = 0.9996;
    private const double FalseEasting = 500000.0;
    private const double FalseNorthingSouth = 10000000.0;

    private static readonly double N = F / (2 - F);
    private static readonly double RectifyingRadius = A / (1 + N) * (1 + (N * N / 4) + (Math.Pow(N, 4) / 64) + (Math.Pow(N, 6) / 256));
    private static readonly double[] Alpha = ComputeAlpha();
    private static readonly double[] Beta = ComputeBeta();
    private static readonly double E = Math.Sqrt(F * (2 - F));

    /// <summary>The UTM zone (1..60) of a point, with the Norway and Svalbard exceptions.</summary>
    public static int ZoneFor(double latitude, double longitude)
    {
        var lon = NormalizeLongitude(longitude);
        var zone = (int)Math.Floor((lon + 180) / 6) + 1;
        if (zone > 60)
        {
            zone = 60;
        }

        if (latitude >= 56 && latitude < 64 && lon >= 3 && lon < 12)
        {
            return 32;
        }

        if (latitude >= 72 && latitude < 84)
        {
            if (lon >= 0 && lon < 9) return 31;
            if (lon >= 9 && lon < 21) return 33;
            if (lon >= 21 && lon < 33) return 35;
            if (lon >= 33 && lon < 42) return 37;
        }

        return zone;
    }

    /// <summary>EPSG code of a WGS 84 UTM zone: 326zz north, 327zz south.</summary>
    public static int EpsgFor(int zone, bool north)
    {
        if (zone is < 1 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(zone), zone, "UTM zone must be 1..60.");
        }

        return (north ? 32600 : 32700) + zone;
    }

    /// <summary>Zone and hemisphere of a WGS 84 UTM EPSG code, or null when it is not one.</summary>
    public static (int Zone, bool North)? FromEpsg(int epsg) => epsg switch
    {
        >= 32601 and <= 32660 => (epsg - 32600, true),
        >= 32701 and <= 32760 => (epsg - 32700, false),
        _ => null,
    };

    /// <summary>Central meridian of a zone, degrees.</summary>
    public static double CentralMeridian(int zone) => (zone * 6) - 183;

    /// <summary>Longitude/latitude (degrees, WGS 84) to easting/northing (metres) in the given zone.</summary>
    public static (double Easting, double Northing) Forward(double longitude, double latitude, int zone, bool north)
    {
        var phi = latitude * Math.PI / 180;
        var lambda = (NormalizeLongitude(longitude - CentralMeridian(zone))) * Math.PI / 180;

        var tau = Math.Tan(phi);
        var sigma = Math.Sinh(E * Atanh(E * tau / Math.Sqrt(1 + (tau * tau))));
        var tauPrime = (tau * Math.Sqrt(1 + (sigma * sigma))) - (sigma * Math.Sqrt(1 + (tau * tau)));

        var xiPrime = Math.Atan2(tauPrime, Math.Cos(lambda));
        var etaPrime = Asinh(Math.Sin(lambda) / Math.Sqrt((tauPrime * tauPrime) + (Math.Cos(lambda) * Math.Cos(lambda))));

        var xi = xiPrime;
        var eta = etaPrime;
        for (var j = 1; j <= 6; j++)
        {
            xi += Alpha[j] * Math.Sin(2 * j * xiPrime) * Math.Cosh(2 * j * etaPrime);
            eta += Alpha[j] * Math.Cos(2 * j * xiPrime) * Math.Sinh(2 * j * etaPrime);
        }

        var x = (K0 * RectifyingRadius * eta) + FalseEasting;
        var y = K0 * RectifyingRadius * xi;
        if (!north)
        {
            y += FalseNorthingSouth;
        }

        return (x, y);
    }

    /// <summary>Easting/northing (metres) in the given zone to longitude/latitude (degrees, WGS 84).</summary>
    public static (double Longitude, double Latitude) Inverse(double easting, double northing, int zone, bool north)
    {
        var xi = (north ? northing : northing - FalseNorthingSouth) / (K0 * RectifyingRadius);
        var eta = (easting - FalseEasting) / (K0 * RectifyingRadius);

        var xiPrime = xi;
        var etaPrime = eta;
        for (var j = 1; j <= 6; j++)
        {
            xiPrime -= Beta[j] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
            etaPrime -= Beta[j] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
        }

        var sinhEtaPrime = Math.Sinh(etaPrime);
        var sinXiPrime = Math.Sin(xiPrime);
        var cosXiPrime = Math.Cos(xiPrime);

        var tauPrime = sinXiPrime / Math.Sqrt((sinhEtaPrime * sinhEtaPrime) + (cosXiPrime * cosXiPrime));

        // Newton-Raphson for tau from tau' (Karney 2011, eq. 19-21).
        var tau = tauPrime;
        for (var i = 0; i < 10; i++)
        {
            var sigma = Math.Sinh(E * Atanh(E * tau / Math.Sqrt(1 + (tau * tau))));
            var tauIPrime = (tau * Math.Sqrt(1 + (sigma * sigma))) - (sigma * Math.Sqrt(1 + (tau * tau)));
            var delta = (tauPrime - tauIPrime) / Math.Sqrt(1 + (tauIPrime * tauIPrime))
                * (1 + ((1 - (E * E)) * tau * tau)) / ((1 - (E * E)) * Math.Sqrt(1 + (tau * tau)));
            tau += delta;
            if (Math.Abs(delta) < 1e-14)
            {
                break;
            }
        }

        var phi = Math.Atan(tau);
        var lambda = Math.Atan2(sinhEtaPrime, cosXiPrime);

        var lat = phi * 180 / Math.PI;
        var lon = NormalizeLongitude((lambda * 180 / Math.PI) + CentralMeridian(zone));
        return (lon, lat);
    }

    /// <summary>Longitude wrapped to [-180, 180).</summary>
    public static double NormalizeLongitude(double longitude)
    {
        var lon = ((longitude + 180) % 360 + 360) % 360 - 180;
        return lon;
    }

    private static double Atanh(double x) => 0.5 * Math.Log((1 + x) / (1 - x));

    private static double Asinh(double x) => Math.Log(x + Math.Sqrt((x * x) + 1));

    private static double[] ComputeAlpha()
    {
        var n = N;
        var n2 = n * n;
        var n3 = n2 * n;
        var n4 = n3 * n;
        var n5 = n4 * n;
        var n6 = n5 * n;
        return
        [
            0,
            (n / 2) - (2 * n2 / 3) + (5 * n3 / 16) + (41 * n4 / 180) - (127 * n5 / 288) + (7891 * n6 / 37800),
            (13 * n2 / 48) - (3 * n3 / 5) + (557 * n4 / 1440) + (281 * n5 / 630) - (1983433 * n6 / 1935360),
            (61 * n3 / 240) - (103 * n4 / 140) + (15061 * n5 / 26880) + (167603 * n6 / 181440),
            (49561 * n4 / 161280) - (179 * n5 / 168) + (6601661 * n6 / 7257600),
            (34729 * n5 / 80640) - (3418889 * n6 / 1995840),
            212378941 * n6 / 319334400,
        ];
    }

    private static double[] ComputeBeta()
    {
        var n = N;
        var n2 = n * n;
        var n3 = n2 * n;
        var n4 = n3 * n;
        var n5 = n4 * n;
        var n6 = n5 * n;
        return
        [
            0,
            (n / 2) - (2 * n2 / 3) + (37 * n3 / 96) - (n4 / 360) - (81 * n5 / 512) + (96199 * n6 / 604800),
            (n2 / 48) + (n3 / 15) - (437 * n4 / 1440) + (46 * n5 / 105) - (1118711 * n6 / 3870720),
            (17 * n3 / 480) - (37 * n4 / 840) - (209 * n5 / 4480) + (5569 * n6 / 90720),
            (4397 * n4 / 161280) - (11 * n5 / 504) - (830251 * n6 / 7257600),
            (4583 * n5 / 161280) - (108847 * n6 / 3991680),
            20648693 * n6 / 638668800,
        ];
    }
}
