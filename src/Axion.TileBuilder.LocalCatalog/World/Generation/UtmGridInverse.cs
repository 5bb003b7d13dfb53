using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>
/// <see cref="Utm.Inverse"/> for every pixel centre of a north-up grid, bit for bit, but faster: the Krüger series
/// terms that depend only on the row (northing) or only on the column (easting) are computed once per row or
/// column. The arithmetic repeats Core's expressions in the same order, so each result is the same double;
/// a test compares the two on whole rows in both hemispheres and keeps them in step.
/// </summary>
internal sealed class UtmGridInverse
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257223563;
    private const double K0 = 0.9996;
    private const double FalseEasting = 500000.0;
    private const double FalseNorthingSouth = 10000000.0;
    private const int Order = 6;

    private static readonly double N = F / (2 - F);
    private static readonly double RectifyingRadius = A / (1 + N) * (1 + (N * N / 4) + (Math.Pow(N, 4) / 64) + (Math.Pow(N, 6) / 256));
    private static readonly double[] Beta = ComputeBeta();
    private static readonly double E = Math.Sqrt(F * (2 - F));

    private readonly int _zone;
    private readonly bool _north;
    private readonly double[] _eta;
    private readonly double[] _coshEta;
    private readonly double[] _sinhEta;

    /// <param name="zone">UTM zone.</param>
    /// <param name="north">Hemisphere.</param>
    /// <param name="originX">Grid left edge, metres.</param>
    /// <param name="width">Columns.</param>
    /// <param name="resolutionM">Pixel size, metres.</param>
    public UtmGridInverse(int zone, bool north, double originX, int width, double resolutionM)
    {
        _zone = zone;
        _north = north;
        _eta = new double[width];
        _coshEta = new double[width * Order];
        _sinhEta = new double[width * Order];
        for (var c = 0; c < width; c++)
        {
            var easting = originX + ((c + 0.5) * resolutionM);
            var eta = (easting - FalseEasting) / (K0 * RectifyingRadius);
            _eta[c] = eta;
            for (var j = 1; j <= Order; j++)
            {
                _coshEta[(c * Order) + j - 1] = Math.Cosh(2 * j * eta);
                _sinhEta[(c * Order) + j - 1] = Math.Sinh(2 * j * eta);
            }
        }
    }

    public int Width => _eta.Length;

    /// <summary>Longitude and latitude (degrees) of every pixel centre of the row whose centre northing is <paramref name="northing"/>.</summary>
    public void Row(double northing, Span<double> longitudes, Span<double> latitudes)
    {
        var xi = (_north ? northing : northing - FalseNorthingSouth) / (K0 * RectifyingRadius);
        Span<double> sinXi = stackalloc double[Order];
        Span<double> cosXi = stackalloc double[Order];
        for (var j = 1; j <= Order; j++)
        {
            sinXi[j - 1] = Math.Sin(2 * j * xi);
            cosXi[j - 1] = Math.Cos(2 * j * xi);
        }

        for (var c = 0; c < _eta.Length; c++)
        {
            var xiPrime = xi;
            var etaPrime = _eta[c];
            var k = c * Order;
            for (var j = 1; j <= Order; j++)
            {
                xiPrime -= Beta[j] * sinXi[j - 1] * _coshEta[k + j - 1];
                etaPrime -= Beta[j] * cosXi[j - 1] * _sinhEta[k + j - 1];
            }

            var sinhEtaPrime = Math.Sinh(etaPrime);
            var sinXiPrime = Math.Sin(xiPrime);
            var cosXiPrime = Math.Cos(xiPrime);
            var tauPrime = sinXiPrime / Math.Sqrt((sinhEtaPrime * sinhEtaPrime) + (cosXiPrime * cosXiPrime));

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
            latitudes[c] = phi * 180 / Math.PI;
            longitudes[c] = Utm.NormalizeLongitude((lambda * 180 / Math.PI) + Utm.CentralMeridian(_zone));
        }
    }

    private static double Atanh(double x) => 0.5 * Math.Log((1 + x) / (1 - x));

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
