namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>
/// The fixed look of a quicklook: stretches, overlay colours, outline colours and size limits.
/// Everything here is documented in <c>docs/output-format.md</c> ("Quicklooks and report").
/// </summary>
/// <remarks>
/// <para>Left panel, Sentinel-2 true colour (R = B04, G = B03, B = B02): reflectance 0 .. <see cref="ReflectanceMax"/>
/// linear to 0 .. 1 (clamped), then gamma 1 / <see cref="Gamma"/>, then 0 .. 255. A pixel with a non-finite
/// band is <see cref="NoDataBase"/> before the overlay.</para>
/// <para>Mask overlay (by SCL class, blended with <see cref="OverlayAlphaFifths"/>/5 of the overlay colour):
/// cloud 8, 9, 10 <see cref="Cloud"/>; cloud shadow 3 <see cref="Shadow"/>; no data / defective 0, 1 and
/// classes above 11 <see cref="NoData"/>. Other classes are shown as they are.</para>
/// <para>Right panel, Sentinel-1 false colour: R = VV over [<see cref="VvMinDb"/>, <see cref="VvMaxDb"/>] dB,
/// G = VH over [<see cref="VhMinDb"/>, <see cref="VhMaxDb"/>] dB, B = VV - VH over
/// [<see cref="RatioMinDb"/>, <see cref="RatioMaxDb"/>] dB (the VV/VH ratio in dB), each linear to 0 .. 255 and
/// clamped; a NaN channel is 0.</para>
/// </remarks>
public static class QuicklookStyle
{
    /// <summary>Reflectance mapped to full brightness before the gamma: 0.3.</summary>
    public const double ReflectanceMax = 0.3;

    /// <summary>Display gamma: output = linear^(1 / 2.2).</summary>
    public const double Gamma = 2.2;

    /// <summary>VV backscatter shown black at -25 dB.</summary>
    public const double VvMinDb = -25;

    /// <summary>VV backscatter shown full red at 0 dB.</summary>
    public const double VvMaxDb = 0;

    /// <summary>VH backscatter shown black at -30 dB.</summary>
    public const double VhMinDb = -30;

    /// <summary>VH backscatter shown full green at -5 dB.</summary>
    public const double VhMaxDb = -5;

    /// <summary>VV - VH shown black at 0 dB.</summary>
    public const double RatioMinDb = 0;

    /// <summary>VV - VH shown full blue at 15 dB.</summary>
    public const double RatioMaxDb = 15;

    /// <summary>Overlay opacity in fifths: 3 = 60 % overlay colour, 40 % image (integer blend, deterministic).</summary>
    public const int OverlayAlphaFifths = 3;

    /// <summary>Largest quicklook width (both panels and the gap), pixels: 1024.</summary>
    public const int MaxWidth = 1024;

    /// <summary>Largest quicklook height, pixels: 1024.</summary>
    public const int MaxHeight = 1024;

    /// <summary>Gap between the two panels, pixels: 8.</summary>
    public const int PanelGap = 8;

    /// <summary>Thickness of a tile's written/rejected outline, pixels: 2.</summary>
    public const int OutlineWidth = 2;

    /// <summary>Overlay of cloud (SCL 8, 9) and thin cirrus (10): magenta.</summary>
    public static Rgb Cloud { get; } = new(255, 0, 255);

    /// <summary>Overlay of cloud shadow (SCL 3): dark blue.</summary>
    public static Rgb Shadow { get; } = new(0, 0, 160);

    /// <summary>Overlay of no data (0), saturated/defective (1) and unknown classes (&gt; 11): grey.</summary>
    public static Rgb NoData { get; } = new(128, 128, 128);

    /// <summary>Colour of a pixel without finite data, before any overlay: black.</summary>
    public static Rgb NoDataBase { get; } = new(0, 0, 0);

    /// <summary>Tile grid lines (1 px): light grey.</summary>
    public static Rgb GridLine { get; } = new(200, 200, 200);

    /// <summary>Outline of a written tile: green.</summary>
    public static Rgb WrittenOutline { get; } = new(0, 230, 0);

    /// <summary>Outline and diagonals of a rejected tile: red.</summary>
    public static Rgb RejectedOutline { get; } = new(255, 0, 0);

    /// <summary>Background of the gap between the panels: dark grey.</summary>
    public static Rgb Background { get; } = new(40, 40, 40);

    /// <summary>The overlay colour for an SCL class, or null when the class is shown as it is.</summary>
    public static Rgb? OverlayFor(byte sclClass) => sclClass switch
    {
        8 or 9 or 10 => Cloud,
        3 => Shadow,
        0 or 1 or > 11 => NoData,
        _ => null,
    };

    /// <summary>Blends <paramref name="overlay"/> over <paramref name="image"/> with <see cref="OverlayAlphaFifths"/>/5 opacity (rounded).</summary>
    public static Rgb Blend(Rgb overlay, Rgb image) => new(
        BlendChannel(overlay.R, image.R),
        BlendChannel(overlay.G, image.G),
        BlendChannel(overlay.B, image.B));

    /// <summary>True-colour brightness of a reflectance: linear 0 .. <see cref="ReflectanceMax"/>, gamma 1/<see cref="Gamma"/>, 0 .. 255; NaN gives 0.</summary>
    public static byte TrueColour(float reflectance) => GammaTable.Lookup(reflectance);

    /// <summary>Linear stretch of <paramref name="value"/> over [<paramref name="min"/>, <paramref name="max"/>] to 0 .. 255, clamped; NaN gives 0.</summary>
    public static byte Linear(double value, double min, double max)
    {
        if (!double.IsFinite(value))
        {
            return 0;
        }

        var t = (value - min) / (max - min);
        return (byte)Math.Round(Math.Clamp(t, 0, 1) * 255, MidpointRounding.AwayFromZero);
    }

    private static byte BlendChannel(byte overlay, byte image) =>
        (byte)(((overlay * OverlayAlphaFifths) + (image * (5 - OverlayAlphaFifths)) + 2) / 5);

    /// <summary>The gamma curve as a 4096-step table, so every pixel maps through the same few numbers.</summary>
    private static class GammaTable
    {
        private const int Steps = 4095;
        private static readonly byte[] Table = Build();

        public static byte Lookup(float reflectance)
        {
            if (!float.IsFinite(reflectance))
            {
                return 0;
            }

            var t = Math.Clamp(reflectance / ReflectanceMax, 0, 1);
            return Table[(int)Math.Round(t * Steps, MidpointRounding.AwayFromZero)];
        }

        private static byte[] Build()
        {
            var table = new byte[Steps + 1];
            for (var i = 0; i <= Steps; i++)
            {
                table[i] = (byte)Math.Round(255 * Math.Pow((double)i / Steps, 1 / Gamma), MidpointRounding.AwayFromZero);
            }

            return table;
        }
    }
}
