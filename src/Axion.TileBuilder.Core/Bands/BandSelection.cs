using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Bands;

/// <summary>
/// The Sentinel-2 bands a build writes (<c>--bands</c>), in the order given: the order of their keys in each tile, after
/// <c>s1_vv</c> and <c>s1_vh</c>. Default <see cref="Default"/>: B02, B03, B04, B08.
/// </summary>
public static class BandSelection
{
    /// <summary>The default bands, B02, B03, B04, B08 (the four 10 m bands; the tile contract's <c>s2_b2 s2_b3 s2_b4 s2_b8</c>).</summary>
    public static IReadOnlyList<SpectralBand> Default { get; } = [.. new[] { "B02", "B03", "B04", "B08" }.Select(n => SpectralBand.Find(n)!)];

    /// <summary>The default as <c>--bands</c> text: <c>B02,B03,B04,B08</c>.</summary>
    public static string DefaultText { get; } = Format(Default);

    /// <summary>Parses a comma-separated list such as <c>B02,B03,B04,B08,B05,B11,B12</c> (case-insensitive, blanks ignored).</summary>
    /// <exception cref="AxionException">Bad input naming the unknown or repeated band, or an empty list.</exception>
    public static IReadOnlyList<SpectralBand> Parse(string? text)
    {
        var names = (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new AxionException(FailureKind.BadInput, $"--bands: no band given (use any of {AllNames})");
        }

        var bands = new List<SpectralBand>(names.Length);
        foreach (var name in names)
        {
            var band = SpectralBand.Find(name)
                ?? throw new AxionException(FailureKind.BadInput, $"--bands: unknown band '{name}' (use any of {AllNames})");
            if (bands.Contains(band))
            {
                throw new AxionException(FailureKind.BadInput, $"--bands: band '{band.Name}' is given twice");
            }

            bands.Add(band);
        }

        return bands;
    }

    /// <summary>The bands as <c>--bands</c> text, e.g. <c>B02,B03,B04,B08</c>.</summary>
    public static string Format(IEnumerable<SpectralBand> bands) => string.Join(',', bands.Select(b => b.Name));

    /// <summary>True when <paramref name="bands"/> are the default bands in the default order.</summary>
    public static bool IsDefault(IReadOnlyList<SpectralBand> bands) => bands.SequenceEqual(Default);

    private static string AllNames => string.Join(' ', SpectralBand.All.Select(b => b.Name));
}
