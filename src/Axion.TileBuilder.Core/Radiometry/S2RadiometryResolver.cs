namespace Axion.TileBuilder.Radiometry;

/// <summary>
/// Decides the DN-to-reflectance rule of a Sentinel-2 L2A item (reflectance = (DN + BOA_ADD_OFFSET) / 10000,
/// BOA_ADD_OFFSET = -1000 from baseline 04.00, 2022-01-25). The catalogs disagree on who applied it:
/// <list type="bullet">
/// <item>Planetary Computer: raw DN; offset when the baseline is &gt;= 04.00 (numeric compare). No baseline:
/// assumed from the date (<c>...-assumed-by-date</c>).</item>
/// <item>Earth Search <c>sentinel-2-l2a</c>: <c>earthsearch:boa_offset_applied: true</c> means already
/// applied (scale 1e-4, offset 0) even though <c>raster:bands</c> says -0.1; <c>false</c> or absent is
/// unreliable, so the baseline decides.</item>
/// <item>Earth Search <c>sentinel-2-c1-l2a</c>: the asset scale/offset; without them 1e-4 / -0.1 unless the
/// baseline is below 04.00 (collection 1 is reprocessed at 05.00+, so a missing baseline assumes the offset).</item>
/// <item>Generic: the asset scale/offset when a scale is present (offset defaults to 0), else the baseline rule.
/// An offset without a scale is ignored.</item>
/// </list>
/// </summary>
public static class S2RadiometryResolver
{
    /// <summary>First acquisition day processed with baseline 04.00.</summary>
    public static DateTimeOffset BoaOffsetStart { get; } = new(2022, 1, 25, 0, 0, 0, TimeSpan.Zero);

    private const double Scale = S2RadiometryRule.QuantificationScale;
    private const double Offset = S2RadiometryRule.BoaOffset;

    /// <summary>The rule for the item described by <paramref name="input"/>.</summary>
    public static S2RadiometryRule Resolve(S2RadiometryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flavor switch
        {
            S2CollectionFlavor.PlanetaryComputer => ByBaseline("pc", input),
            S2CollectionFlavor.EarthSearchL2A => input.BoaOffsetApplied == true
                ? new S2RadiometryRule("earthsearch-boa-offset-applied:dn/10000", Scale, 0)
                : ByBaseline("earthsearch", input),
            S2CollectionFlavor.EarthSearchC1 => ResolveC1(input),
            S2CollectionFlavor.Generic => input.AssetScale is { } scale && double.IsFinite(scale)
                ? S2RadiometryRule.FromAssetMetadata(scale, FiniteOrZero(input.AssetOffset))
                : ByBaseline("stac", input),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.Flavor, "Unknown Sentinel-2 collection flavour."),
        };
    }

    private static S2RadiometryRule ResolveC1(S2RadiometryInput input)
    {
        if (input.AssetScale is { } scale && double.IsFinite(scale))
        {
            return S2RadiometryRule.FromAssetMetadata(scale, FiniteOrZero(input.AssetOffset));
        }

        if (ProcessingBaseline.TryParse(input.ProcessingBaseline, out var baseline))
        {
            return baseline.HasBoaOffset
                ? new S2RadiometryRule("earthsearch-c1-baseline>=04.00-default:dn-1000/10000", Scale, Offset)
                : new S2RadiometryRule("earthsearch-c1-baseline<04.00:dn/10000", Scale, 0);
        }

        return new S2RadiometryRule("earthsearch-c1-baseline-assumed>=05.00:dn-1000/10000", Scale, Offset);
    }

    private static S2RadiometryRule ByBaseline(string prefix, S2RadiometryInput input)
    {
        if (ProcessingBaseline.TryParse(input.ProcessingBaseline, out var baseline))
        {
            return baseline.HasBoaOffset
                ? new S2RadiometryRule($"{prefix}-baseline>=04.00:dn-1000/10000", Scale, Offset)
                : new S2RadiometryRule($"{prefix}-baseline<04.00:dn/10000", Scale, 0);
        }

        if (input.Datetime is { } time && time < BoaOffsetStart)
        {
            return new S2RadiometryRule($"{prefix}-baseline<04.00-assumed-by-date:dn/10000", Scale, 0);
        }

        // From 2022-01-25 on (or with no date at all: current data) the offset is assumed.
        return new S2RadiometryRule($"{prefix}-baseline>=04.00-assumed-by-date:dn-1000/10000", Scale, Offset);
    }

    private static double FiniteOrZero(double? value) => value is { } v && double.IsFinite(v) ? v : 0;
}
