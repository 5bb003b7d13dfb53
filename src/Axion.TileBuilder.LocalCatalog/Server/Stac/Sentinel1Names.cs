using System.Globalization;
using System.Text.RegularExpressions;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Product names of a synthetic Sentinel-1 RTC scene
/// (<c>S1A_IW_GRDH_1SDV_20250311T044231_20250311T044249_058252_073302_rtc</c>).
/// </summary>
internal sealed partial record Sentinel1Names(
    string Mission,
    string GrdId,
    int AbsoluteOrbit,
    string DatatakeHex,
    DateTimeOffset Start,
    DateTimeOffset End)
{
    /// <summary>Decimal datatake id (<c>s1:datatake_id</c>), from the hexadecimal one in the product name.</summary>
    public string DatatakeDecimal =>
        int.TryParse(DatatakeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : "0";

    /// <summary>The four-hex-digit product checksum suffix of the SAFE folder (synthesised, stable).</summary>
    public string ProductSuffix => ((int)(StacFormat.Unit(GrdId, "s1-suffix") * 65535)).ToString("X4", CultureInfo.InvariantCulture);

    public static Sentinel1Names From(SyntheticScene scene)
    {
        var match = IdPattern().Match(scene.Id);
        if (match.Success)
        {
            var start = ParseCompact(match.Groups["start"].Value, scene.Datetime.AddSeconds(-9));
            var end = ParseCompact(match.Groups["end"].Value, scene.Datetime.AddSeconds(9));
            return new Sentinel1Names(
                match.Groups["mission"].Value,
                match.Groups["grd"].Value,
                int.Parse(match.Groups["orbit"].Value, CultureInfo.InvariantCulture),
                match.Groups["datatake"].Value,
                start.AddTicks(scene.Datetime.Ticks % TimeSpan.TicksPerSecond),
                end.AddTicks(scene.Datetime.Ticks % TimeSpan.TicksPerSecond));
        }

        var mission = scene.Platform.Length > 0 ? "S1" + char.ToUpperInvariant(scene.Platform[^1]) : "S1A";
        var days = (scene.Datetime - new DateTimeOffset(2014, 4, 3, 0, 0, 0, TimeSpan.Zero)).TotalDays;
        var orbit = Math.Max(1, (int)(days * 175 / 12.0));
        var datatake = ((int)(StacFormat.Unit(scene.Id, "s1-datatake") * 0xFFFFFF)).ToString("X6", CultureInfo.InvariantCulture);
        var startTime = scene.Datetime.AddSeconds(-9);
        var endTime = scene.Datetime.AddSeconds(9);
        var grd = StacFormat.Invariant($"{mission}_IW_GRDH_1SDV_{StacFormat.Compact(startTime)}_{StacFormat.Compact(endTime)}_{orbit:000000}_{datatake}");
        return new Sentinel1Names(mission, grd, orbit, datatake, startTime, endTime);
    }

    private static DateTimeOffset ParseCompact(string text, DateTimeOffset fallback) =>
        DateTimeOffset.TryParseExact(text, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : fallback;

    [GeneratedRegex(@"^(?<grd>(?<mission>S1[A-D])_IW_GRDH_1S[DS][VH]_(?<start>\d{8}T\d{6})_(?<end>\d{8}T\d{6})_(?<orbit>\d{6})_(?<datatake>[0-9A-F]{6}))(_rtc)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
