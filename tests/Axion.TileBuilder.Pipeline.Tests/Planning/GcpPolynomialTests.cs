using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

/// <summary>The order-2 inverse fit used to estimate the source window of a GCP warp.</summary>
public class GcpPolynomialTests
{
    [Fact]
    public void Recovers_an_exact_quadratic_mapping()
    {
        // pixel and line are quadratic functions of lon/lat: the fit must reproduce them everywhere.
        static (double P, double L) Truth(double x, double y) =>
            (3 + (1200 * (x - 10)) + (40 * (y - 45)) + (300 * (x - 10) * (x - 10)), 7 - (1500 * (y - 45)) + (25 * (x - 10) * (y - 45)));

        var gcps = new List<GroundControlPoint>();
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                var x = 10 + (i * 0.05);
                var y = 45 + (j * 0.04);
                var (p, l) = Truth(x, y);
                gcps.Add(new GroundControlPoint(p, l, x, y));
            }
        }

        var fit = GcpPolynomial.Fit(gcps);
        foreach (var (x, y) in new[] { (10.013, 45.077), (10.19, 45.15), (10.1, 45.0) })
        {
            var (p, l) = fit.ToPixel(x, y);
            var (tp, tl) = Truth(x, y);
            Assert.Equal(tp, p, 6);
            Assert.Equal(tl, l, 6);
        }
    }

    [Fact]
    public void Refuses_too_few_or_collinear_gcps()
    {
        Assert.Throws<ArgumentException>(() => GcpPolynomial.Fit([new GroundControlPoint(0, 0, 1, 1)]));
        var line = Enumerable.Range(0, 8).Select(i => new GroundControlPoint(i, i, i * 0.1, i * 0.1)).ToList();
        Assert.Throws<ArgumentException>(() => GcpPolynomial.Fit(line));
    }
}
