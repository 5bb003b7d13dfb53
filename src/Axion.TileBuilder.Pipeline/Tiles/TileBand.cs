using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Reading;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>One Sentinel-2 band of a tile and how it came onto the 10 m grid (listed in the tile's <c>meta.s2_bands</c>).</summary>
/// <param name="Band">The band.</param>
/// <param name="Resampling">
/// <c>none</c> (10 m pixels copied), <c>nearest</c>, <c>bilinear</c> or <c>cubic</c> (a 20 m or 60 m band resampled onto the
/// grid, or any band warped from a neighbouring UTM zone).
/// </param>
public sealed record TileBand(SpectralBand Band, string Resampling)
{
    /// <summary>The band as its read plan (the first item's, for a mosaic) brought it onto the grid.</summary>
    public static TileBand Of(SpectralBand band, AssetReadPlan read)
    {
        ArgumentNullException.ThrowIfNull(band);
        ArgumentNullException.ThrowIfNull(read);
        var resampling = read.Method == ReadMethod.Aligned
            ? band.IsResampled ? BandResampling.Nearest.Name() : "none"
            : read.Resampling == "near" ? BandResampling.Nearest.Name() : read.Resampling;
        return new TileBand(band, resampling);
    }
}
