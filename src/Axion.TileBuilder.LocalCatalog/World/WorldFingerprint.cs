using System.Security.Cryptography;
using System.Text.Json;
using Axion.TileBuilder.LocalCatalog.World.Generation;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>The cache key of a world: SHA-256 (lower-case hex) of the canonical JSON of the spec and <see cref="GeneratorVersion"/>.</summary>
public static class WorldFingerprint
{
    /// <summary>Bump whenever the generated files or the plan change for the same spec.</summary>
    public const string GeneratorVersion = "axion-world-2";

    /// <summary>
    /// Appended to <see cref="GeneratorVersion"/> for specs with a <see cref="WorldLayout.StraddleTiles"/> or <see cref="WorldLayout.ZoneEdgeStraddle"/> location: bump it
    /// when only that layout changes, so the (large, slow to generate) cached worlds of other layouts stay valid.
    /// Version 2: the two Sentinel-2 items of a date differ in processing baseline.
    /// </summary>
    public const string StraddleLayoutVersion = "straddle-2";

    /// <summary>
    /// Appended to the generator version for specs with a <see cref="WorldLayout.Seasons"/> or
    /// <see cref="WorldLayout.SeasonsWithGap"/> location: bump it when only the seasonal layouts change.
    /// </summary>
    public const string SeasonalLayoutVersion = "seasons-1";

    /// <summary>The canonical JSON that is hashed.</summary>
    public static string CanonicalJson(WorldSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var generator = GeneratorVersion;
        if (spec.Locations.Any(l => l.Layout is WorldLayout.StraddleTiles or WorldLayout.ZoneEdgeStraddle))
        {
            generator += "+" + StraddleLayoutVersion;
        }

        if (spec.Locations.Any(l => SeasonalCalendar.IsSeasonal(l.Layout)))
        {
            generator += "+" + SeasonalLayoutVersion;
        }

        return JsonSerializer.Serialize(new FingerprintInput(generator, spec), WorldJsonContext.Default.FingerprintInput);
    }

    /// <summary>64 hex digits.</summary>
    public static string Compute(WorldSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CanonicalJson(spec))));
}
