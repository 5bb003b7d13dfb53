using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Bands;

/// <summary>The names of <see cref="BandResampling"/> on the command line and for GDAL.</summary>
public static class BandResamplingNames
{
    /// <summary>The default, <see cref="BandResampling.Bilinear"/>.</summary>
    public const BandResampling Default = BandResampling.Bilinear;

    /// <summary>The accepted values of <c>--resampling</c>, in help order.</summary>
    public static IReadOnlyList<string> Options { get; } = ["bilinear", "cubic", "nearest"];

    /// <summary>The command-line name: <c>bilinear</c>, <c>cubic</c> or <c>nearest</c>.</summary>
    public static string Name(this BandResampling resampling) => resampling switch
    {
        BandResampling.Bilinear => "bilinear",
        BandResampling.Cubic => "cubic",
        BandResampling.Nearest => "nearest",
        _ => throw new ArgumentOutOfRangeException(nameof(resampling), resampling, null),
    };

    /// <summary>The gdalwarp <c>-r</c> name: <c>bilinear</c>, <c>cubic</c> or <c>near</c>.</summary>
    public static string GdalName(this BandResampling resampling) => resampling switch
    {
        BandResampling.Nearest => "near",
        _ => resampling.Name(),
    };

    /// <summary>Parses a <c>--resampling</c> value (case-insensitive).</summary>
    /// <exception cref="AxionException">Bad input naming the value and the accepted ones.</exception>
    public static BandResampling Parse(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        foreach (var candidate in Enum.GetValues<BandResampling>())
        {
            if (string.Equals(candidate.Name(), value, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new AxionException(FailureKind.BadInput, $"--resampling: unknown method '{value}' (use {string.Join(", ", Options)})");
    }
}
