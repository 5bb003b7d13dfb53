using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// A least-squares second-order polynomial from map coordinates (the GCP CRS, e.g. lon/lat) to raster pixel/line,
/// fitted to a raster's ground control points. Pure. Used to estimate which source window a GCP warp reads
/// (the warp itself uses GDAL's thin-plate spline); on Sentinel-1 GRD geometry it is within a few pixels.
/// </summary>
public sealed class GcpPolynomial
{
    private const int Terms = 6;
    private readonly double _x0;
    private readonly double _y0;
    private readonly double _scale;
    private readonly double[] _pixel;
    private readonly double[] _line;

    private GcpPolynomial(double x0, double y0, double scale, double[] pixel, double[] line)
    {
        _x0 = x0;
        _y0 = y0;
        _scale = scale;
        _pixel = pixel;
        _line = line;
    }

    /// <summary>Fits the inverse polynomial (X, Y) -> (pixel, line); needs at least 6 GCPs not on one conic.</summary>
    /// <exception cref="ArgumentException">Fewer than 6 GCPs, or they do not determine the polynomial.</exception>
    public static GcpPolynomial Fit(IReadOnlyList<GroundControlPoint> gcps)
    {
        ArgumentNullException.ThrowIfNull(gcps);
        if (gcps.Count < Terms)
        {
            throw new ArgumentException($"An order-2 GCP fit needs at least {Terms} GCPs, got {gcps.Count}.", nameof(gcps));
        }

        var x0 = gcps.Average(g => g.X);
        var y0 = gcps.Average(g => g.Y);
        var scale = Math.Max(gcps.Max(g => Math.Max(Math.Abs(g.X - x0), Math.Abs(g.Y - y0))), 1e-12);
        var normal = new double[Terms, Terms];
        var rhsPixel = new double[Terms];
        var rhsLine = new double[Terms];
        var basis = new double[Terms];
        foreach (var g in gcps)
        {
            Basis((g.X - x0) / scale, (g.Y - y0) / scale, basis);
            for (var i = 0; i < Terms; i++)
            {
                rhsPixel[i] += basis[i] * g.Pixel;
                rhsLine[i] += basis[i] * g.Line;
                for (var j = 0; j < Terms; j++)
                {
                    normal[i, j] += basis[i] * basis[j];
                }
            }
        }

        return new GcpPolynomial(x0, y0, scale, Solve((double[,])normal.Clone(), rhsPixel), Solve(normal, rhsLine));
    }

    /// <summary>Raster position (continuous pixel, line) of map point (x, y).</summary>
    public (double Pixel, double Line) ToPixel(double x, double y)
    {
        Span<double> basis = stackalloc double[Terms];
        Basis((x - _x0) / _scale, (y - _y0) / _scale, basis);
        double p = 0, l = 0;
        for (var i = 0; i < Terms; i++)
        {
            p += _pixel[i] * basis[i];
            l += _line[i] * basis[i];
        }

        return (p, l);
    }

    private static void Basis(double u, double v, Span<double> basis)
    {
        basis[0] = 1;
        basis[1] = u;
        basis[2] = v;
        basis[3] = u * u;
        basis[4] = u * v;
        basis[5] = v * v;
    }

    /// <summary>Gaussian elimination with partial pivoting on a small dense system.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                throw new ArgumentException("The GCPs do not determine an order-2 polynomial (too few or degenerate).");
            }

            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                }

                (x[col], x[pivot]) = (x[pivot], x[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                for (var c = col; c < n; c++)
                {
                    a[r, c] -= f * a[col, c];
                }

                x[r] -= f * x[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            for (var c = r + 1; c < n; c++)
            {
                x[r] -= a[r, c] * x[c];
            }

            x[r] /= a[r, r];
        }

        return x;
    }
}
