using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Quicklooks;

public sealed class QuicklookRendererTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Png_has_both_panels_stretched_colours_overlay_and_tile_outlines()
    {
        var path = Path.Combine(_dir.Path, "quicklooks", "row-1.png");
        QuicklookRenderer.Render(SyntheticRow.Create(), path);

        using var png = GdalDataset.Open(path);
        Assert.Equal("PNG", png.DriverShortName);
        Assert.Equal((2 * SyntheticRow.Size) + QuicklookStyle.PanelGap, png.Width);
        Assert.Equal(SyntheticRow.Size, png.Height);
        Assert.Equal(3, png.BandCount);
        var pixels = ReadRgb(png);
        var right = SyntheticRow.Size + QuicklookStyle.PanelGap;

        // Clear pixel of written tile (0, 0): reflectance / 0.3, gamma 1/2.2, 0..255 (independent formula; the table may differ by 1).
        var clear = pixels(30, 30);
        AssertNear(Expected(SyntheticRow.Red), clear.R);
        AssertNear(Expected(SyntheticRow.Green), clear.G);
        AssertNear(Expected(SyntheticRow.Blue), clear.B);

        // Cloud (SCL 9, masked NaN = black base): 60 % magenta over black.
        Assert.Equal(new Rgb(153, 0, 153), pixels(85, 25));

        // Cloud shadow (SCL 3): 60 % dark blue over black.
        Assert.Equal(new Rgb(0, 0, 96), pixels(15, 85));

        // Sentinel-1 false colour: VV -12.5 dB in [-25, 0] -> 128, VH -17.5 dB in [-30, -5] -> 128, VV-VH 5 dB in [0, 15] -> 85.
        Assert.Equal(new Rgb(128, 128, 85), pixels(right + 30, 30));

        // Rejected tile (0, 1): left border (2 px) and diagonal red, in both panels; interior off the diagonal is not red.
        Assert.Equal(QuicklookStyle.RejectedOutline, pixels(64, 5));
        Assert.Equal(QuicklookStyle.RejectedOutline, pixels(65, 30));
        Assert.Equal(QuicklookStyle.RejectedOutline, pixels(64 + 50, 50));
        Assert.Equal(QuicklookStyle.RejectedOutline, pixels(127 - 50, 50));
        Assert.Equal(QuicklookStyle.RejectedOutline, pixels(right + 64, 30));
        Assert.NotEqual(QuicklookStyle.RejectedOutline, pixels(110, 20));

        // Written tile (0, 0): green border, in both panels.
        Assert.Equal(QuicklookStyle.WrittenOutline, pixels(1, 30));
        Assert.Equal(QuicklookStyle.WrittenOutline, pixels(30, 62));
        Assert.Equal(QuicklookStyle.WrittenOutline, pixels(right + 1, 30));

        // The gap between the panels.
        Assert.Equal(QuicklookStyle.Background, pixels(SyntheticRow.Size + 3, 64));
    }

    [Fact]
    public void Same_input_gives_the_same_bytes_and_leaves_no_side_files()
    {
        var input = SyntheticRow.Create();
        var a = Path.Combine(_dir.Path, "a", "x.png");
        var b = Path.Combine(_dir.Path, "b", "x.png");
        QuicklookRenderer.Render(input, a);
        QuicklookRenderer.Render(input, b);
        QuicklookRenderer.Render(input, b); // overwrite in place

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.Equal(["x.png"], Directory.GetFiles(Path.GetDirectoryName(b)!).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(_dir.Path, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_png_is_deflated_at_the_fastest_zlib_level()
    {
        var path = Path.Combine(_dir.Path, "x.png");
        QuicklookRenderer.Render(SyntheticRow.Create(), path);

        // The first IDAT chunk's zlib header (RFC 1950): FLEVEL, the top two bits of FLG, is 0 for level 1 ("fastest"),
        // 2 for GDAL's default 6.
        var bytes = File.ReadAllBytes(path);
        var idat = bytes.AsSpan().IndexOf("IDAT"u8);
        Assert.True(idat > 0, "no IDAT chunk");
        var cmf = bytes[idat + 4];
        var flg = bytes[idat + 5];
        Assert.Equal(0x78, cmf); // deflate, 32 KB window
        Assert.Equal(0, (cmf * 256 + flg) % 31);
        Assert.Equal(0, flg >> 6);
        Assert.Equal(1, QuicklookRenderer.PngZlibLevel);
    }

    [Fact]
    public void Large_aoi_is_downscaled_to_at_most_1024_px_wide_by_box_averaging()
    {
        // 4 x 1 tiles of 256 px = 1024 x 256 AOI: two panels at full size would be 2056 px wide.
        var input = SyntheticRow.Create(tilesX: 4, tilesY: 1, tile: 256);
        var image = QuicklookComposer.Compose(input);

        Assert.Equal(3, image.Downscale); // 2 * ceil(1024 / 2) + 8 = 1032 > 1024; 2 * 342 + 8 = 692
        Assert.Equal(342, image.PanelWidth);
        Assert.Equal(692, image.Width);
        Assert.Equal(86, image.Height);

        // Quicklook pixel (30, 5) averages AOI x 90..92, y 15..17: all cloud.
        Assert.Equal(new Rgb(153, 0, 153), image[30, 5]);

        // A pixel averaging one cloud column (x 99) and two clear columns (x 100, 101): the rounded mean.
        var cloud = new Rgb(153, 0, 153);
        var clear = image[40, 20];
        var edge = image[33, 5];
        Assert.Equal((byte)(((cloud.R * 3) + (clear.R * 6) + 4) / 9), edge.R);
        Assert.Equal((byte)(((cloud.G * 3) + (clear.G * 6) + 4) / 9), edge.G);

        // Tile (0, 1) starts at AOI x 256 -> quicklook x 85: rejected red border; tile (0, 0) written green.
        Assert.Equal(QuicklookStyle.RejectedOutline, image[85, 40]);
        Assert.Equal(QuicklookStyle.WrittenOutline, image[0, 40]);
    }

    [Theory]
    [InlineData(512, 512, 2)]
    [InlineData(508, 508, 1)]
    [InlineData(509, 100, 2)]
    [InlineData(2560, 2560, 6)]
    [InlineData(256, 3000, 3)]
    public void Downscale_factor_is_the_smallest_that_fits(int width, int height, int expected)
    {
        var k = QuicklookComposer.DownscaleFor(width, height);

        Assert.Equal(expected, k);
        Assert.True((2 * ((width + k - 1) / k)) + QuicklookStyle.PanelGap <= QuicklookStyle.MaxWidth);
        Assert.True((height + k - 1) / k <= QuicklookStyle.MaxHeight);
    }

    [Fact]
    public void Inconsistent_input_is_refused_with_the_bad_value()
    {
        var input = SyntheticRow.Create() with { S1Vh = new float[10] };

        var ex = Assert.Throws<ArgumentException>(() => QuicklookRenderer.Render(input, Path.Combine(_dir.Path, "bad.png")));

        Assert.Contains("S1Vh must hold 16384 values", ex.Message, StringComparison.Ordinal);
        Assert.Contains("got 10", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "bad.png")));

        var outside = SyntheticRow.Create() with { Tiles = [QuicklookTile.WrittenAt(2, 0)] };
        var ex2 = Assert.Throws<ArgumentException>(() => QuicklookComposer.Compose(outside));
        Assert.Contains("tile (2, 0) is outside the 2 x 2 grid", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_name_is_quicklooks_id_png()
    {
        Assert.Equal("quicklooks/iowa-cropland.png", QuicklookFiles.FileName("iowa-cropland"));
        Assert.Equal(Path.Combine("/out", "quicklooks", "a.b.png"), QuicklookFiles.PathFor("/out", "a.b"));
    }

    private static byte Expected(float reflectance) =>
        (byte)Math.Round(255 * Math.Pow(reflectance / 0.3, 1 / 2.2), MidpointRounding.AwayFromZero);

    private static void AssertNear(byte expected, byte actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1, $"expected {expected} +- 1, got {actual}");

    private static Func<int, int, Rgb> ReadRgb(GdalDataset png)
    {
        var n = png.Width * png.Height;
        var r = new byte[n];
        var g = new byte[n];
        var b = new byte[n];
        png.GetBand(1).Read<byte>(0, 0, png.Width, png.Height, r);
        png.GetBand(2).Read<byte>(0, 0, png.Width, png.Height, g);
        png.GetBand(3).Read<byte>(0, 0, png.Width, png.Height, b);
        var w = png.Width;
        return (x, y) => new Rgb(r[(y * w) + x], g[(y * w) + x], b[(y * w) + x]);
    }
}
