using System.Globalization;

namespace Axion.TileBuilder.Radiometry;

/// <summary>
/// How Sentinel-2 L2A DNs become surface reflectance: <c>reflectance = DN * Scale + Offset</c>.
/// The <see cref="Name"/> is recorded in each tile, e.g. <c>pc-baseline&gt;=04.00:dn-1000/10000</c>.
/// </summary>
/// <param name="Name">Which rule was applied and why, stable text for tile metadata.</param>
/// <param name="Scale">Multiplier per DN (usually 0.0001).</param>
/// <param name="Offset">Added after scaling, reflectance units (-0.1 when the -1000 DN offset applies, else 0).</param>
public sealed record S2RadiometryRule(string Name, double Scale, double Offset)
{
    /// <summary>DN scale of Sentinel-2 L2A (1/10000).</summary>
    public const double QuantificationScale = 1e-4;

    /// <summary>Reflectance offset of baseline 04.00+ (-1000 DN / 10000).</summary>
    public const double BoaOffset = -0.1;

    /// <summary>Reflectance of one DN.</summary>
    public double Reflectance(double dn) => (dn * Scale) + Offset;

    /// <summary>
    /// Converts DNs to reflectance; pixels equal to <paramref name="nodata"/> (default 0, the
    /// Sentinel-2 fill value) become NaN.
    /// </summary>
    public void Apply(ReadOnlySpan<ushort> dn, Span<float> reflectance, ushort nodata = 0) => Convert(dn, reflectance, nodata);

    /// <summary>
    /// Converts resampled DNs (float, as a bilinear or cubic resampling of the integer DNs yields them) to reflectance
    /// with the same rule; pixels equal to <paramref name="nodata"/> (default 0, the fill value the resampling writes where
    /// it has no source) or NaN become NaN.
    /// </summary>
    public void Apply(ReadOnlySpan<float> dn, Span<float> reflectance, float nodata = 0) => Convert(dn, reflectance, nodata);

    private void Convert<T>(ReadOnlySpan<T> dn, Span<float> reflectance, T nodata)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        if (reflectance.Length < dn.Length)
        {
            throw new ArgumentException($"Destination holds {reflectance.Length} values, source {dn.Length}.", nameof(reflectance));
        }

        var scale = Scale;
        var offset = Offset;
        for (var i = 0; i < dn.Length; i++)
        {
            var v = dn[i];
            reflectance[i] = v == nodata || T.IsNaN(v) ? float.NaN : (float)((double.CreateTruncating(v) * scale) + offset);
        }
    }

    /// <summary>A rule named <c>raster-bands:scale=S,offset=O</c> (asset metadata taken as is).</summary>
    public static S2RadiometryRule FromAssetMetadata(double scale, double offset) =>
        new(string.Create(CultureInfo.InvariantCulture, $"raster-bands:scale={scale:R},offset={offset:R}"), scale, offset);
}
