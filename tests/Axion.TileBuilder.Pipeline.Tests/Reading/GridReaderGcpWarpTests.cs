using System.Globalization;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Reading;

namespace Axion.TileBuilder.Pipeline.Tests.Reading;

/// <summary>Warped reads of a raster geolocated only by GCPs (Sentinel-1 GRD): nodata stays out of the bilinear kernel.</summary>
public sealed class GridReaderGcpWarpTests
{
    private const int Size = 200;
    private const int NoDataColumns = 60;

    [Fact]
    public void A_gcp_warp_keeps_nodata_out_of_valid_pixels_and_the_plan_window_covers_the_read()
    {
        GdalRuntime.Initialize();
        var inv = CultureInfo.InvariantCulture;
        using var mem = GdalDataset.Create("MEM", string.Empty, Size, Size, 1, GdalDataType.UInt16);
        var dn = new ushort[Size * Size];
        for (var i = 0; i < dn.Length; i++)
        {
            dn[i] = (ushort)(i % Size < NoDataColumns ? 0 : 500);
        }

        mem.GetBand(1).Write<ushort>(0, 0, Size, Size, dn);

        // 5 x 5 GCPs, 1e-4 degrees per pixel, around 2.3 E 45.2 N (UTM 31).
        List<string> options = ["-of", "MEM", "-a_srs", "EPSG:4326", "-a_nodata", "0"];
        for (var i = 0; i <= 4; i++)
        {
            for (var j = 0; j <= 4; j++)
            {
                double p = i * Size / 4.0, l = j * Size / 4.0;
                options.AddRange(["-gcp", p.ToString("R", inv), l.ToString("R", inv), (2.3 + (p * 1e-4)).ToString("R", inv), (45.2 - (l * 1e-4)).ToString("R", inv)]);
            }
        }

        using var source = GdalUtilities.Translate(string.Empty, mem, options);
        Assert.True(GridReader.IsGcpOnly(source));
        var (e, n) = Utm.Forward(2.3 + (NoDataColumns * 1e-4), 45.2 - (100 * 1e-4), 31, true);
        var grid = new TargetGrid(32631, (Math.Round(e / 10) * 10) - 300, (Math.Round(n / 10) * 10) + 300, 60, 60, 10);

        var values = GridReader.ReadWarped<float>(source, 1, grid, "bilinear", 0, ["-ot", "Float32", .. GridReader.GcpWarpOptions]);

        var nodata = values.Count(v => v == 0);
        var valid = values.Count(v => Math.Abs(v - 500) < 1e-3);
        Assert.True(nodata > 300 && valid > 300, $"{nodata} nodata, {valid} valid pixels: the grid does not straddle the border");
        Assert.Equal(values.Length, nodata + valid); // no pixel mixes nodata 0 into its value

        // The planned window (order-2 fit through the GCPs, padded) contains the source pixels the grid maps to.
        var window = SourceWindows.WarpedByGcps(source, grid);
        Assert.NotNull(window);
        var w = window.Value;
        foreach (var (x, y) in new[] { (grid.OriginX, grid.OriginY), (grid.MaxX, grid.MinY) })
        {
            var (lon, lat) = Utm.Inverse(x, y, 31, true);
            var (p, l) = ((lon - 2.3) / 1e-4, (45.2 - lat) / 1e-4);
            Assert.InRange(p, w.XOff, w.XOff + w.Width);
            Assert.InRange(l, w.YOff, w.YOff + w.Height);
        }
    }
}
