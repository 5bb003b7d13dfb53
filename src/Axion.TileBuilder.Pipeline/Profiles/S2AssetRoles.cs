using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Profiles;

/// <summary>
/// The Sentinel-2 asset roles a build reads (the keys of <see cref="SourceProfile.Assets"/>): the selected bands
/// (<c>B02</c>, <c>B05</c>, <c>B8A</c>, ...) and <c>SCL</c>.
/// </summary>
public static class S2AssetRoles
{
    /// <summary>The role of the scene classification layer.</summary>
    public const string Scl = "SCL";

    /// <summary>The roles read for <paramref name="bands"/>: the bands in order, then <see cref="Scl"/>.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<SpectralBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return [.. bands.Select(b => b.Name), Scl];
    }

    /// <summary>The asset keys of <see cref="For"/> in <paramref name="source"/>, in the same order.</summary>
    /// <exception cref="AxionException">Bad input naming the first band the profile has no asset key for.</exception>
    public static IReadOnlyList<string> KeysFor(SourceProfile source, IReadOnlyList<SpectralBand> bands, string profileName)
    {
        ArgumentNullException.ThrowIfNull(source);
        return [.. For(bands).Select(role => source.Assets.TryGetValue(role, out var key)
            ? key
            : throw new AxionException(
                FailureKind.BadInput,
                $"--bands: catalog profile {profileName} maps no sentinel2 asset for band {role} (add \"{role}\": \"<asset key>\" to sentinel2.assets, docs/profiles.md)"))];
    }
}
