namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>
/// Composes the quicklook pixels from a <see cref="QuicklookInput"/> (pure: no GDAL, no files):
/// left the Sentinel-2 true colour with the SCL mask overlay, right the Sentinel-1 false colour,
/// both with the tile grid and the written (green) / rejected (red, crossed) outlines. The look is
/// fixed by <see cref="QuicklookStyle"/>.
/// </summary>
/// <remarks>
/// Size: the smallest whole downscale factor k such that both panels and the gap fit in
/// <see cref="QuicklookStyle.MaxWidth"/> and the height in <see cref="QuicklookStyle.MaxHeight"/>;
/// each quicklook pixel is the rounded mean of the k x k AOI pixels' display colours (overlay
/// applied per AOI pixel, so a mask edge blends). Integer arithmetic after the per-pixel stretch,
/// so the same input always gives the same pixels.
/// </remarks>
public static class QuicklookComposer
{
    /// <summary>The whole AOI-pixels-per-quicklook-pixel factor for an AOI of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static int DownscaleFor(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var k = 1;
        while ((2 * CeilDiv(width, k)) + QuicklookStyle.PanelGap > QuicklookStyle.MaxWidth || CeilDiv(height, k) > QuicklookStyle.MaxHeight)
        {
            k++;
        }

        return k;
    }

    /// <summary>Composes the quicklook; throws <see cref="ArgumentException"/> for an inconsistent input.</summary>
    public static QuicklookImage Compose(QuicklookInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var k = DownscaleFor(input.Width, input.Height);
        var pw = CeilDiv(input.Width, k);
        var ph = CeilDiv(input.Height, k);
        var image = new QuicklookImage((2 * pw) + QuicklookStyle.PanelGap, ph)
        {
            PanelWidth = pw,
            RightPanelX = pw + QuicklookStyle.PanelGap,
            Downscale = k,
        };

        for (var y = 0; y < ph; y++)
        {
            for (var x = pw; x < image.RightPanelX; x++)
            {
                image.Set(x, y, QuicklookStyle.Background);
            }
        }

        FillPanel(image, input, 0, k, new TrueColourPanel(input));
        FillPanel(image, input, image.RightPanelX, k, new BackscatterPanel(input));
        DrawGrid(image, input, 0, k);
        DrawGrid(image, input, image.RightPanelX, k);
        return image;
    }

    /// <summary>
    /// Box-averages the display colours of <paramref name="panel"/> into the panel starting at column <paramref name="x0"/>.
    /// Generic over a struct so the colour of each of the AOI's pixels is computed inline, not through a delegate.
    /// </summary>
    private static void FillPanel<TPanel>(QuicklookImage image, QuicklookInput input, int x0, int k, TPanel panel)
        where TPanel : struct, IPanelColours
    {
        var pw = image.PanelWidth;
        for (var py = 0; py < image.Height; py++)
        {
            var sy1 = Math.Min(input.Height, (py + 1) * k);
            for (var px = 0; px < pw; px++)
            {
                var sx1 = Math.Min(input.Width, (px + 1) * k);
                int sr = 0, sg = 0, sb = 0, count = 0;
                for (var sy = py * k; sy < sy1; sy++)
                {
                    var rowStart = sy * input.Width;
                    for (var sx = px * k; sx < sx1; sx++)
                    {
                        var c = panel.At(rowStart + sx);
                        sr += c.R;
                        sg += c.G;
                        sb += c.B;
                        count++;
                    }
                }

                var half = count / 2;
                image.Set(x0 + px, py, new Rgb((byte)((sr + half) / count), (byte)((sg + half) / count), (byte)((sb + half) / count)));
            }
        }
    }

    private static void DrawGrid(QuicklookImage image, QuicklookInput input, int x0, int k)
    {
        var pw = image.PanelWidth;
        var ph = image.Height;
        for (var c = 0; c <= input.TilesX; c++)
        {
            var x = Math.Min(pw - 1, c * input.TileSize / k);
            for (var y = 0; y < ph; y++)
            {
                image.Set(x0 + x, y, QuicklookStyle.GridLine);
            }
        }

        for (var r = 0; r <= input.TilesY; r++)
        {
            var y = Math.Min(ph - 1, r * input.TileSize / k);
            for (var x = 0; x < pw; x++)
            {
                image.Set(x0 + x, y, QuicklookStyle.GridLine);
            }
        }

        foreach (var tile in input.Tiles.Where(t => t.Written).Concat(input.Tiles.Where(t => !t.Written)))
        {
            var left = tile.Col * input.TileSize / k;
            var top = tile.Row * input.TileSize / k;
            var right = Math.Min(pw, (tile.Col + 1) * input.TileSize / k);
            var bottom = Math.Min(ph, (tile.Row + 1) * input.TileSize / k);
            if (right <= left || bottom <= top)
            {
                continue;
            }

            var colour = tile.Written ? QuicklookStyle.WrittenOutline : QuicklookStyle.RejectedOutline;
            var ow = QuicklookStyle.OutlineWidth;
            for (var y = top; y < bottom; y++)
            {
                for (var x = left; x < right; x++)
                {
                    if (x - left < ow || right - 1 - x < ow || y - top < ow || bottom - 1 - y < ow)
                    {
                        image.Set(x0 + x, y, colour);
                    }
                }
            }

            if (!tile.Written)
            {
                var w = right - left;
                var h = bottom - top;
                for (var y = top; y < bottom; y++)
                {
                    var dx = h > 1 ? (y - top) * (w - 1) / (h - 1) : 0;
                    image.Set(x0 + left + dx, y, colour);
                    image.Set(x0 + right - 1 - dx, y, colour);
                }
            }
        }
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;

    /// <summary>The display colour of each AOI pixel of one panel.</summary>
    private interface IPanelColours
    {
        Rgb At(int i);
    }

    /// <summary>Left panel: true colour (B04, B03, B02), then the SCL overlay.</summary>
    private readonly struct TrueColourPanel(QuicklookInput input) : IPanelColours
    {
        private readonly float[] _blue = input.S2[0];
        private readonly float[] _green = input.S2[1];
        private readonly float[] _red = input.S2[2];
        private readonly byte[] _scl = input.Scl;

        public Rgb At(int i)
        {
            var b = _blue[i];
            var g = _green[i];
            var r = _red[i];
            var colour = float.IsFinite(r) && float.IsFinite(g) && float.IsFinite(b)
                ? new Rgb(QuicklookStyle.TrueColour(r), QuicklookStyle.TrueColour(g), QuicklookStyle.TrueColour(b))
                : QuicklookStyle.NoDataBase;
            return QuicklookStyle.OverlayFor(_scl[i]) is { } overlay ? QuicklookStyle.Blend(overlay, colour) : colour;
        }
    }

    /// <summary>Right panel: R = VV, G = VH, B = VV - VH.</summary>
    private readonly struct BackscatterPanel(QuicklookInput input) : IPanelColours
    {
        private readonly float[] _vv = input.S1Vv;
        private readonly float[] _vh = input.S1Vh;

        public Rgb At(int i)
        {
            double vv = _vv[i];
            double vh = _vh[i];
            return new Rgb(
                QuicklookStyle.Linear(vv, QuicklookStyle.VvMinDb, QuicklookStyle.VvMaxDb),
                QuicklookStyle.Linear(vh, QuicklookStyle.VhMinDb, QuicklookStyle.VhMaxDb),
                QuicklookStyle.Linear(vv - vh, QuicklookStyle.RatioMinDb, QuicklookStyle.RatioMaxDb));
        }
    }
}
