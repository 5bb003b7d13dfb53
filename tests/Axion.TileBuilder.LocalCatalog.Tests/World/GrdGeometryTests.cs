using System.Globalization;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.LocalCatalog.World.Generation;
using Xunit.Abstractions;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>
/// The synthetic GRD geometry and its GCPs: the exact inverse holds, and a GDAL warp through the GCPs lands within
/// half a pixel of the true position with a thin-plate spline, not with an order-2 polynomial (~2 px) and far from it
/// with an affine fit (~20 px).
/// </summary>
public sealed class GrdGeometryTests(ITestOutputHelper output)
{
    // A scene like the ones the world plans for 1024 px RTC scenes: 1434 columns at 8.5-11.5 m, rotated 12 degrees.
    private static readonly GrdGeometry Geometry = Build(-12);

    // The spline warp is shared by three tests (a warp of a 1434 px raster takes a few seconds).
    private static readonly Lazy<double> TpsErrorPx = new(() => MaxWarpErrorPx(["-tps"]));

    [Theory]
    [InlineData(-12.0)]
    [InlineData(192.0)]
    public void FromMap_inverts_ToMap(double heading)
    {
        var geometry = Build(heading);
        for (var p = 0.0; p <= geometry.Width; p += 97.3)
        {
            for (var l = 0.0; l <= geometry.Height; l += 101.7)
            {
                var (e, n) = geometry.ToMap(p, l);
                var (p2, l2) = geometry.FromMap(e, n);
                Assert.True(Math.Abs(p2 - p) < 1e-6 && Math.Abs(l2 - l) < 1e-6, $"({p}, {l}) -> ({p2}, {l2})");
            }
        }
    }

    [Fact]
    public void Ground_spacing_grows_across_track_so_the_geometry_is_not_affine()
    {
        var (e0, n0) = Geometry.ToMap(0, 700);
        var (e1, n1) = Geometry.ToMap(1, 700);
        var (e2, n2) = Geometry.ToMap(Geometry.Width - 1, 700);
        var (e3, n3) = Geometry.ToMap(Geometry.Width, 700);
        Assert.Equal(8.5, Math.Sqrt(((e1 - e0) * (e1 - e0)) + ((n1 - n0) * (n1 - n0))), 2);
        Assert.Equal(11.5, Math.Sqrt(((e3 - e2) * (e3 - e2)) + ((n3 - n2) * (n3 - n2))), 2);
    }

    [Fact]
    public void A_thin_plate_spline_through_the_gcps_lands_within_half_a_pixel()
    {
        var error = TpsErrorPx.Value;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-tps: max position error {error:F3} px"));
        Assert.True(error < 0.5, string.Create(CultureInfo.InvariantCulture, $"-tps: {error:F3} px"));
    }

    [Fact]
    public void An_order_2_polynomial_is_worse_than_the_spline_because_its_inverse_is_not_a_polynomial()
    {
        // GDAL fits the pixel -> lon/lat polynomial and, separately, its inverse; the inverse of the quadratic range
        // stretch is a square root, which a second-order polynomial only approximates (~2 px here). This is why the
        // pipeline warps GRD with -tps.
        var order2 = MaxWarpErrorPx(["-order", "2"]);
        var tps = TpsErrorPx.Value;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-order 2: {order2:F3} px, -tps: {tps:F3} px"));
        Assert.True(order2 > 2 * tps, string.Create(CultureInfo.InvariantCulture, $"-order 2: {order2:F3} px, -tps: {tps:F3} px"));
    }

    [Fact]
    public void An_affine_fit_through_the_same_gcps_is_many_pixels_off()
    {
        var affine = MaxWarpErrorPx(["-order", "1"]);
        var tps = TpsErrorPx.Value;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"affine {affine:F2} px, tps {tps:F3} px"));

        // The quadratic range stretch leaves (11.5 - 8.5) * 1434 / 16 ~ 270 m ~ 27 px of residual for a straight fit.
        Assert.True(affine > 10, string.Create(CultureInfo.InvariantCulture, $"affine fit only {affine:F2} px off: the test would not catch a wrong method"));
        Assert.True(affine > 20 * tps);
    }

    private static GrdGeometry Build(double heading)
    {
        var (e, n) = Utm.Forward(2.3522, 48.8566, 31, true);
        return new GrdGeometry(31, true, Math.Round(e), Math.Round(n), 1434, 1434, heading, 8.5, 11.5, 10, 22);
    }

    /// <summary>
    /// Warps a two-band raster holding each pixel's own centre coordinates (col + 0.5, row + 0.5) through the GCPs onto a
    /// 30 m UTM grid inside the scene (bilinear reproduces a linear field exactly), and returns the largest distance,
    /// in source pixels, between where GDAL sampled and where <see cref="GrdGeometry.FromMap"/> says the target pixel lies.
    /// </summary>
    private static double MaxWarpErrorPx(IReadOnlyList<string> method)
    {
        GdalRuntime.Initialize();
        var inv = CultureInfo.InvariantCulture;
        using var coords = GdalDataset.Create("MEM", string.Empty, Geometry.Width, Geometry.Height, 2, GdalDataType.Float32);
        var cols = new float[Geometry.Width * Geometry.Height];
        var rows = new float[cols.Length];
        for (var r = 0; r < Geometry.Height; r++)
        {
            for (var c = 0; c < Geometry.Width; c++)
            {
                cols[(r * Geometry.Width) + c] = c + 0.5f;
                rows[(r * Geometry.Width) + c] = r + 0.5f;
            }
        }

        coords.GetBand(1).Write<float>(0, 0, Geometry.Width, Geometry.Height, cols);
        coords.GetBand(2).Write<float>(0, 0, Geometry.Width, Geometry.Height, rows);
        using var withGcps = GdalUtilities.Translate(string.Empty, coords, ["-of", "MEM", .. GrdRenderer.GcpOptions(Geometry)]);

        // A 9 km square around the scene centre (inside the rotated raster), 30 m pixels (the position field is smooth).
        const int Size = 300, Step = 30;
        var x0 = Math.Floor(Geometry.CentreEasting / 10) * 10 - 4500;
        var y0 = Math.Floor(Geometry.CentreNorthing / 10) * 10 + 4500;
        List<string> options =
        [
            "-of", "MEM", "-t_srs", "EPSG:32631", "-r", "bilinear", .. method,
            "-te", x0.ToString("R", inv), (y0 - (Size * Step)).ToString("R", inv), (x0 + (Size * Step)).ToString("R", inv), y0.ToString("R", inv),
            "-ts", Size.ToString(inv), Size.ToString(inv),
            "-dstnodata", "-1",
        ];
        using var warped = GdalUtilities.Warp(string.Empty, [withGcps], options);
        var p = new float[Size * Size];
        var l = new float[Size * Size];
        warped.GetBand(1).Read<float>(0, 0, Size, Size, p);
        warped.GetBand(2).Read<float>(0, 0, Size, Size, l);
        var max = 0.0;
        for (var r = 0; r < Size; r++)
        {
            for (var c = 0; c < Size; c++)
            {
                var i = (r * Size) + c;
                if (p[i] < 0)
                {
                    Assert.Fail($"target pixel ({c}, {r}) fell outside the scene");
                }

                var (ep, el) = Geometry.FromMap(x0 + ((c + 0.5) * Step), y0 - ((r + 0.5) * Step));
                max = Math.Max(max, Math.Sqrt(((p[i] - ep) * (p[i] - ep)) + ((l[i] - el) * (l[i] - el))));
            }
        }

        return max;
    }
}
