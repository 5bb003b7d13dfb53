using System.Globalization;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Real-looking product ids and orbit numbers.</summary>
internal static class SceneNaming
{
    private static readonly DateTimeOffset S1AReference = new(2022, 3, 8, 5, 44, 22, TimeSpan.Zero);
    private const int S1AReferenceOrbit = 42281;
    private static readonly DateTimeOffset S1BReference = new(2021, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private const int S1BReferenceOrbit = 26700;

    /// <summary>e.g. <c>S2B_MSIL2A_20220310T103629_R008_T31UFU_20220310T140021</c>.</summary>
    public static string S2Id(string platformCode, DateTimeOffset sensing, int relativeOrbit, string mgrs, DateTimeOffset processing) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{platformCode}_MSIL2A_{sensing:yyyyMMdd'T'HHmmss}_R{relativeOrbit:000}_T{mgrs}_{processing:yyyyMMdd'T'HHmmss}");

    /// <summary>e.g. <c>S1A_IW_GRDH_1SDV_20220308T054422_20220308T054447_042281_050A1B_rtc</c>.</summary>
    public static string S1Id(string platformCode, DateTimeOffset start, int absoluteOrbit, int datatake) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{platformCode}_IW_GRDH_1SDV_{start:yyyyMMdd'T'HHmmss}_{start.AddSeconds(25):yyyyMMdd'T'HHmmss}_{absoluteOrbit:000000}_{datatake & 0xFFFFFF:X6}_rtc");

    /// <summary>Sentinel-2 relative orbit (1..143) of a track over a longitude.</summary>
    public static int S2RelativeOrbit(double longitude) =>
        1 + ((int)Math.Floor((Geo.Utm.NormalizeLongitude(longitude) + 180) / 360 * 143) * 37 % 143);

    /// <summary>Absolute orbit of Sentinel-1A or 1B at a time (175 orbits per 12 days).</summary>
    public static int S1AbsoluteOrbit(bool s1a, DateTimeOffset time)
    {
        var (reference, orbit) = s1a ? (S1AReference, S1AReferenceOrbit) : (S1BReference, S1BReferenceOrbit);
        return orbit + (int)Math.Floor((time - reference).TotalDays * 175 / 12);
    }

    /// <summary>Relative orbit (1..175) of a Sentinel-1 absolute orbit.</summary>
    public static int S1RelativeOrbit(bool s1a, int absoluteOrbit) =>
        ((((absoluteOrbit - (s1a ? 73 : 27)) % 175) + 175) % 175) + 1;
}
