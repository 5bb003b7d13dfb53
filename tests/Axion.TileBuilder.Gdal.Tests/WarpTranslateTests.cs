using Axion.TileBuilder.Gdal.Tests.Support;

namespace Axion.TileBuilder.Gdal.Tests;

public sealed class WarpTranslateTests : IDisposable
{
    private const int SourceSize = 300;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("near")]
    [InlineData("bilinear")]
    public void Warp_from_UTM_32N_to_33N_puts_each_ground_point_on_the_right_source_pixel(string resampling)
    {
        // Source: 300 x 300 px of 10 m in EPSG:32632 straddling 12 E (the 32/33 zone edge) at 48 N.
        // Band 1 holds the source column, band 2 the source row, so every output pixel says where it came from.
        using var toSource = CoordinateTransform.Create(4326, 32632);
        using var toTarget = CoordinateTransform.Create(4326, 32633);
        using var targetToSource = CoordinateTransform.Create(32633, 32632);
        var (e0, n0) = toSource.Transform(11.98, 48.01);
        var sourceTransform = new GeoTransform(Math.Round(e0 / 10) * 10, 10, 0, Math.Round(n0 / 10) * 10, 0, -10);
        using var source = MakeIndexRaster(sourceTransform, 32632);

        // Output extent: the source footprint in 33N, shrunk by 300 m so every output pixel has source data.
        using var sourceToTarget = CoordinateTransform.Create(32632, 32633);
        double[] xs = [0, SourceSize, 0, SourceSize];
        double[] ys = [0, 0, SourceSize, SourceSize];
        for (var i = 0; i < 4; i++)
        {
            (xs[i], ys[i]) = sourceTransform.PixelToWorld(xs[i], ys[i]);
        }

        sourceToTarget.Transform(xs, ys);
        var minX = Math.Ceiling((Math.Max(xs[0], xs[2]) + 300) / 10) * 10;
        var maxX = Math.Floor((Math.Min(xs[1], xs[3]) - 300) / 10) * 10;
        var minY = Math.Ceiling((Math.Max(ys[2], ys[3]) + 300) / 10) * 10;
        var maxY = Math.Floor((Math.Min(ys[0], ys[1]) - 300) / 10) * 10;
        Assert.True(maxX - minX > 1000 && maxY - minY > 1000, $"extent {minX} {minY} {maxX} {maxY}");

        var options = new List<string>
        {
            "-t_srs", "EPSG:32633", "-tr", "10", "10",
            "-te", Invariant(minX), Invariant(minY), Invariant(maxX), Invariant(maxY),
            "-r", resampling, "-ot", "Float64", "-of", "MEM",
        };
        if (resampling == "near")
        {
            options.AddRange(["-et", "0"]); // exact transforms, so the nearest pixel is unambiguous
        }

        using var warped = GdalUtilities.Warp("", [source], options);
        Assert.Equal(32633, warped.Epsg);
        var outTransform = warped.GeoTransform;
        Assert.Equal(new GeoTransform(minX, 10, 0, maxY, 0, -10), outTransform);
        Assert.Equal((int)Math.Round((maxX - minX) / 10), warped.Width);

        var checkedPoints = 0;
        for (var lon = 11.985; lon <= 12.015; lon += 0.005)
        {
            for (var lat = 47.995; lat <= 48.0; lat += 0.0025)
            {
                var (x, y) = toTarget.Transform(lon, lat);
                var (fc, fr) = outTransform.WorldToPixel(x, y);
                var (col, row) = ((int)Math.Floor(fc), (int)Math.Floor(fr));
                if (col < 1 || row < 1 || col >= warped.Width - 1 || row >= warped.Height - 1)
                {
                    continue;
                }

                // Where the output pixel centre falls in the source (fractional, corner convention).
                var (cx, cy) = outTransform.PixelToWorld(col + 0.5, row + 0.5);
                var (sx, sy) = targetToSource.Transform(cx, cy);
                var (sourceCol, sourceRow) = sourceTransform.WorldToPixel(sx, sy);

                // The ground point itself lies in the output pixel and near that source position.
                var (gx, gy) = toSource.Transform(lon, lat);
                var (gcol, grow) = sourceTransform.WorldToPixel(gx, gy);
                Assert.InRange(Math.Abs(gcol - sourceCol), 0, 0.75);
                Assert.InRange(Math.Abs(grow - sourceRow), 0, 0.75);

                var value = new double[1];
                warped.GetBand(1).Read<double>(col, row, 1, 1, value);
                var readCol = value[0];
                warped.GetBand(2).Read<double>(col, row, 1, 1, value);
                var readRow = value[0];

                if (resampling == "near")
                {
                    // Whole source pixel indices, the one containing the output pixel centre (half a pixel at most).
                    Assert.Equal(Math.Round(readCol), readCol);
                    Assert.Equal(Math.Round(readRow), readRow);
                    Assert.InRange(Math.Abs(readCol + 0.5 - sourceCol), 0, 0.5 + 1e-6);
                    Assert.InRange(Math.Abs(readRow + 0.5 - sourceRow), 0, 0.5 + 1e-6);
                }
                else
                {
                    // Bilinear on a linear ramp returns the fractional source position itself
                    // (within GDAL's default approximate-transformer error of 0.125 px).
                    Assert.InRange(Math.Abs(readCol + 0.5 - sourceCol), 0, 0.2);
                    Assert.InRange(Math.Abs(readRow + 0.5 - sourceRow), 0, 0.2);
                }

                checkedPoints++;
            }
        }

        Assert.True(checkedPoints >= 10, $"only {checkedPoints} points checked");
    }

    [Fact]
    public void Warp_to_VRT_keeps_the_disposed_source_open_until_the_VRT_is_disposed()
    {
        var source = MakeIndexRaster(new GeoTransform(700000, 10, 0, 5320000, 0, -10), 32632);
        var warped = GdalUtilities.Warp("", [source], ["-t_srs", "EPSG:32633", "-tr", "10", "10", "-r", "near", "-of", "VRT"]);
        Assert.Equal("VRT", warped.DriverShortName);
        Assert.Same(source, Assert.Single(warped.Sources));
        source.Dispose();
        Assert.True(source.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => source.GetBand(1).Read<double>(0, 0, 1, 1, new double[1]));

        // The VRT still reads from the (natively still open) source.
        var buffer = new double[warped.Width * warped.Height];
        warped.GetBand(2).Read<double>(0, 0, warped.Width, warped.Height, buffer);
        Assert.Contains(buffer, v => v > 100);
        warped.Dispose();
    }

    [Fact]
    public void Translate_srcwin_into_MEM_returns_the_same_window()
    {
        var path = TestRasters.WriteUInt16GeoTiff(_temp.File("u16.tif"));
        using var source = GdalDataset.Open(path);
        using var window = GdalUtilities.Translate("", source, ["-srcwin", "17", "23", "40", "30", "-of", "MEM"]);

        Assert.Equal("MEM", window.DriverShortName);
        Assert.Equal((40, 30, 2), (window.Width, window.Height, window.BandCount));
        var (x, y) = TestRasters.Utm33Transform.PixelToWorld(17, 23);
        Assert.Equal(new GeoTransform(x, 10, 0, y, 0, -10), window.GeoTransform);
        Assert.Equal(32633, window.Epsg);

        var buffer = new ushort[40 * 30];
        window.GetBand(2).Read<ushort>(0, 0, 40, 30, buffer);
        for (var row = 0; row < 30; row++)
        {
            for (var col = 0; col < 40; col++)
            {
                Assert.Equal(TestRasters.UInt16Value2(17 + col, 23 + row), buffer[(row * 40) + col]);
            }
        }
    }

    [Fact]
    public void Bad_utility_options_raise_GdalException_with_gdal_text()
    {
        using var source = GdalDataset.Create("MEM", "", 5, 5, 1, GdalDataType.Byte);
        var translate = Assert.Throws<GdalException>(() => GdalUtilities.Translate("", source, ["-no-such-option"]));
        Assert.Contains("-no-such-option", translate.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, translate.ErrorNumber);

        var warp = Assert.Throws<GdalException>(() => GdalUtilities.Warp("", [source], ["-t_srs", "EPSG:32633", "-of", "MEM"]));
        Assert.NotEqual(0, warp.ErrorNumber);
    }

    private static GdalDataset MakeIndexRaster(GeoTransform transform, int epsg)
    {
        var dataset = GdalDataset.Create("MEM", "", SourceSize, SourceSize, 2, GdalDataType.Float64);
        dataset.GeoTransform = transform;
        using (var srs = SpatialReference.FromEpsg(epsg))
        {
            dataset.ProjectionWkt = srs.ToWkt();
        }

        dataset.GetBand(1).Write<double>(0, 0, SourceSize, SourceSize, TestRasters.Fill(SourceSize, SourceSize, (c, _) => (double)c));
        dataset.GetBand(2).Write<double>(0, 0, SourceSize, SourceSize, TestRasters.Fill(SourceSize, SourceSize, (_, r) => (double)r));
        return dataset;
    }

    private static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
