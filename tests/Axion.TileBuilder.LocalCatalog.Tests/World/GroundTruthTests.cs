using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

public sealed class GroundTruthTests
{
    private static readonly (double Lat, double Lon)[] Places = [(48.8566, 2.3522), (-33.9249, 18.4241), (61.5, 24.1), (5.2, -74.3), (35.7, 139.7)];

    /// <summary>Lon/lat of the centres of a size x size block of 10 m pixels near a place, in its UTM zone.</summary>
    private static IEnumerable<(int Col, int Row, double Lon, double Lat)> Block(double lat, double lon, int size, double spacing = 10)
    {
        var zone = Utm.ZoneFor(lat, lon);
        var north = lat >= 0;
        var (e0, n0) = Utm.Forward(lon, lat, zone, north);
        e0 = Math.Floor(e0 / 10) * 10;
        n0 = Math.Floor(n0 / 10) * 10;
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++)
            {
                var (x, y) = Utm.Inverse(e0 + ((c + 0.5) * spacing), n0 - ((r + 0.5) * spacing), zone, north);
                yield return (c, r, x, y);
            }
        }
    }

    [Fact]
    public void Reflectance_stays_in_range_with_realistic_levels_per_cover()
    {
        Dictionary<LandCover, List<double[]>> byCover = [];
        foreach (var (lat, lon) in Places)
        {
            foreach (var (_, _, x, y) in Block(lat, lon, 120, 70))
            {
                var values = Enum.GetValues<S2Band>().Select(b => GroundTruth.S2Reflectance(b, x, y)).ToArray();
                Assert.All(values, v => Assert.InRange(v, 0.005, 0.6));
                var cover = GroundTruth.LandCoverAt(x, y);
                if (!byCover.TryGetValue(cover, out var list))
                {
                    byCover[cover] = list = [];
                }

                list.Add(values);
            }
        }

        Assert.Equal(5, byCover.Count);
        var total = byCover.Values.Sum(v => v.Count);
        Assert.InRange(byCover[LandCover.Water].Count / (double)total, 0.02, 0.3);
        Assert.All(byCover[LandCover.Water], v => Assert.True(v[3] < 0.03, $"water NIR {v[3]}"));
        foreach (var cover in new[] { LandCover.Crop, LandCover.Grass, LandCover.Forest })
        {
            var rows = byCover[cover];
            Assert.InRange(rows.Average(v => v[0]), 0.03, 0.06);
            Assert.InRange(rows.Average(v => v[1]), 0.05, 0.09);
            Assert.InRange(rows.Average(v => v[2]), 0.03, 0.08);
            Assert.InRange(rows.Average(v => v[3]), 0.25, 0.45);
        }

        var bare = byCover[LandCover.Bare];
        Assert.True(bare.Average(v => v[2]) > bare.Average(v => v[1]) && bare.Average(v => v[1]) > bare.Average(v => v[0]));
    }

    [Fact]
    public void Backscatter_levels_are_realistic_and_water_is_dark()
    {
        List<(LandCover Cover, double Vv, double Vh)> samples = [];
        foreach (var (lat, lon) in Places)
        {
            foreach (var (_, _, x, y) in Block(lat, lon, 80, 90))
            {
                samples.Add((GroundTruth.LandCoverAt(x, y), GroundTruth.S1Backscatter(S1Polarization.VV, x, y), GroundTruth.S1Backscatter(S1Polarization.VH, x, y)));
            }
        }

        var land = samples.Where(s => s.Cover != LandCover.Water).ToList();
        var water = samples.Where(s => s.Cover == LandCover.Water).ToList();
        Assert.InRange(land.Average(s => s.Vv), -16, -6);
        Assert.InRange(land.Average(s => s.Vh), -24, -12);
        Assert.True(land.Count(s => s.Vv is >= -18 and <= -4) > 0.95 * land.Count);
        Assert.True(land.Count(s => s.Vh is >= -26 and <= -10) > 0.95 * land.Count);
        Assert.All(water, s => Assert.InRange(s.Vv, -30, -22));
        Assert.All(water, s => Assert.InRange(s.Vh, -33, -27));
        var (x0, y0) = (2.3522, 48.8566);
        Assert.Equal(Math.Pow(10, GroundTruth.S1Backscatter(S1Polarization.VV, x0, y0) / 10), GroundTruth.S1Linear(S1Polarization.VV, x0, y0), 15);
    }

    [Theory]
    [InlineData(48.8566, 2.3522)]
    [InlineData(-33.9249, 18.4241)]
    [InlineData(61.5, 24.1)]
    public void A_one_pixel_shift_changes_most_values_by_more_than_two_dn(double lat, double lon)
    {
        const int size = 200;
        var grid = Block(lat, lon, size + 1).ToList();
        foreach (var band in S2Bands.TenMetre) // the 20 m and 60 m bands vary on the scale of their own pixels
        {
            var dn = grid.Select(p => (int)GroundTruth.S2Dn(GroundTruth.S2Reflectance(band, p.Lon, p.Lat), "02.14")).ToArray();
            int east = 0, south = 0, count = 0;
            for (var r = 0; r < size; r++)
            {
                for (var c = 0; c < size; c++)
                {
                    var here = dn[(r * (size + 1)) + c];
                    count++;
                    east += Math.Abs(dn[(r * (size + 1)) + c + 1] - here) > 2 ? 1 : 0;
                    south += Math.Abs(dn[((r + 1) * (size + 1)) + c] - here) > 2 ? 1 : 0;
                }
            }

            Assert.True(east > 0.85 * count, $"{band}: only {east} of {count} change by > 2 DN for a 10 m shift east");
            Assert.True(south > 0.85 * count, $"{band}: only {south} of {count} change by > 2 DN for a 10 m shift south");
        }
    }

    [Fact]
    public void Dn_adds_the_offset_from_baseline_04_00_and_clamps()
    {
        Assert.Equal(1234, GroundTruth.S2Dn(0.1234, "02.14"));
        Assert.Equal(2234, GroundTruth.S2Dn(0.1234, "04.00"));
        Assert.Equal(2234, GroundTruth.S2Dn(0.1234, "05.10"));
        Assert.Equal(1234, GroundTruth.S2Dn(0.1234, "05.10", boaOffsetApplied: true));
        Assert.Equal(1235, GroundTruth.S2Dn(0.12345, "03.01"));
        Assert.Equal(1, GroundTruth.S2Dn(0, "02.14"));
        Assert.Equal(1000, GroundTruth.S2Dn(0, "04.00"));
        Assert.Equal(65535, GroundTruth.S2Dn(7, "04.00"));
        Assert.False(GroundTruth.HasBoaOffset("03.01"));
        Assert.True(GroundTruth.HasBoaOffset("04.00"));
    }

    [Fact]
    public void Scl_follows_the_cloud_model_then_the_land_cover()
    {
        var (lon0, lat0) = (2.3522, 48.8566);
        var clouds = new CloudModel(
            lon0,
            lat0,
            [
                new CloudBlob(0, 0, 1000, 600, 30, CloudKind.Opaque),
                new CloudBlob(5000, 0, 400, 400, 0, CloudKind.Cirrus),
            ],
            -400,
            300);
        (double Lon, double Lat) At(double east, double north) =>
            (lon0 + (east / (111320 * Math.Cos(lat0 * Math.PI / 180))), lat0 + (north / 110574));

        var centre = At(0, 0);
        Assert.Equal(SclClass.CloudHigh, GroundTruth.Scl(clouds, centre.Lon, centre.Lat));
        var rim = At(0.84 * 1000 * Math.Cos(Math.PI / 6), 0.84 * 1000 * Math.Sin(Math.PI / 6));
        Assert.Equal(SclClass.CloudMedium, GroundTruth.Scl(clouds, rim.Lon, rim.Lat));
        var shadow = At(-400 - 700, 300 - 300);
        Assert.Equal(SclClass.CloudShadow, GroundTruth.Scl(clouds, shadow.Lon, shadow.Lat));
        var cirrus = At(5000, 100);
        Assert.Equal(SclClass.ThinCirrus, GroundTruth.Scl(clouds, cirrus.Lon, cirrus.Lat));
        var clear = At(3000, -3000);
        Assert.Equal(GroundTruth.ClearScl(GroundTruth.LandCoverAt(clear.Lon, clear.Lat)), GroundTruth.Scl(clouds, clear.Lon, clear.Lat));

        foreach (var (_, _, x, y) in Block(lat0, lon0, 60, 50))
        {
            var scl = GroundTruth.Scl((CloudModel?)null, x, y);
            Assert.Equal(GroundTruth.LandCoverAt(x, y) switch
            {
                LandCover.Water => SclClass.Water,
                LandCover.Bare => SclClass.NotVegetated,
                _ => SclClass.Vegetation,
            }, scl);
        }
    }

    [Fact]
    public void Observed_values_are_bright_under_cloud_and_dark_in_shadow()
    {
        var (x, y) = (2.3522, 48.8566);
        foreach (var band in Enum.GetValues<S2Band>())
        {
            var clear = GroundTruth.S2Reflectance(band, x, y);
            Assert.InRange(GroundTruth.S2Observed(band, SclClass.CloudHigh, x, y), 0.55, 0.8);
            Assert.InRange(GroundTruth.S2Observed(band, SclClass.CloudMedium, x, y), 0.45, 0.6);
            Assert.Equal(clear * GroundTruth.ShadowFactor, GroundTruth.S2Observed(band, SclClass.CloudShadow, x, y));
            Assert.Equal(clear, GroundTruth.S2Observed(band, SclClass.Vegetation, x, y));
            Assert.True(GroundTruth.S2Observed(band, SclClass.ThinCirrus, x, y) > clear);
        }
    }

    [Fact]
    public void A_seasonal_gain_scales_the_clear_sky_reflectance_within_its_range_and_leaves_clouds_alone()
    {
        var points = Places.SelectMany(p => Block(p.Lat, p.Lon, 24)).ToList();
        int scaled = 0, clamped = 0;
        foreach (var band in Enum.GetValues<S2Band>())
        {
            foreach (var (_, _, x, y) in points)
            {
                var clear = GroundTruth.S2Reflectance(band, x, y);
                var expected = Math.Clamp(clear * 1.25, GroundTruth.MinReflectance, GroundTruth.MaxReflectance);
                Assert.Equal(expected, GroundTruth.S2Observed(band, SclClass.Vegetation, x, y, 1.25));
                Assert.Equal(expected * GroundTruth.ShadowFactor, GroundTruth.S2Observed(band, SclClass.CloudShadow, x, y, 1.25));
                Assert.Equal(GroundTruth.S2Observed(band, SclClass.CloudHigh, x, y), GroundTruth.S2Observed(band, SclClass.CloudHigh, x, y, 1.25));
                Assert.Equal(clear, GroundTruth.S2Observed(band, SclClass.Vegetation, x, y, null));
                Assert.Equal(Math.Max(clear * 0.8, GroundTruth.MinReflectance), GroundTruth.S2Observed(band, SclClass.Vegetation, x, y, 0.8));
                scaled += expected == clear * 1.25 ? 1 : 0;
                clamped += expected == GroundTruth.MaxReflectance ? 1 : 0;
            }
        }

        Assert.True(scaled > 0.99 * points.Count * Enum.GetValues<S2Band>().Length, $"{scaled} scaled");
        Assert.True(clamped < 0.01 * points.Count * Enum.GetValues<S2Band>().Length, $"{clamped} clamped at {GroundTruth.MaxReflectance}");
    }

    [Fact]
    public void A_seasonal_offset_shifts_the_backscatter_within_its_clamping_range()
    {
        foreach (var (_, _, x, y) in Places.SelectMany(p => Block(p.Lat, p.Lon, 16)))
        {
            foreach (var (polarization, low, high) in new[] { (S1Polarization.VV, -30.0, -3.0), (S1Polarization.VH, -33.0, -8.0) })
            {
                var db = GroundTruth.S1Backscatter(polarization, x, y);
                Assert.Equal(db, GroundTruth.S1Backscatter(polarization, x, y, null));
                Assert.Equal(Math.Clamp(db + 1.2, low, high), GroundTruth.S1Backscatter(polarization, x, y, 1.2), 12);
                Assert.Equal(Math.Clamp(db - 1.2, low, high), GroundTruth.S1Backscatter(polarization, x, y, -1.2), 12);
                Assert.Equal(GroundTruth.S1Linear(polarization, x, y, 1.2), Math.Pow(10, GroundTruth.S1Backscatter(polarization, x, y, 1.2) / 10), 15);
            }
        }
    }
}
