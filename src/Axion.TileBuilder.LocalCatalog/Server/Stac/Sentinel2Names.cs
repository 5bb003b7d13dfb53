using System.Globalization;
using System.Text.RegularExpressions;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// The product names of a synthetic Sentinel-2 scene, in the shapes the real catalogs use
/// (product URI, granule/datastrip ids, Earth Search ids, MGRS parts), derived from the scene id
/// (<c>S2B_MSIL2A_20240612T103629_R008_T31UFU_20240612T140021</c>) or, failing that, its metadata.
/// </summary>
internal sealed partial record Sentinel2Names(
    string Mission,
    string Sensing,
    string Generation,
    DateTimeOffset GenerationTime,
    string Tile,
    int UtmZone,
    string LatitudeBand,
    string GridSquare,
    int RelativeOrbit,
    int AbsoluteOrbit,
    string Baseline)
{
    /// <summary><c>N0511</c> from <c>05.11</c>.</summary>
    public string BaselineCode => "N" + Baseline.Replace(".", string.Empty, StringComparison.Ordinal);

    /// <summary>Two-character mission/unit code used in ESA ids: <c>2B</c>.</summary>
    public string Unit => Mission[1..];

    public string ProductUri => StacFormat.Invariant($"{Mission}_MSIL2A_{Sensing}_{BaselineCode}_R{RelativeOrbit:000}_T{Tile}_{Generation}.SAFE");

    public string GranuleId => StacFormat.Invariant($"{Mission}_OPER_MSI_L2A_TL_{Unit}PS_{Generation}_A{AbsoluteOrbit:000000}_T{Tile}_N{Baseline}");

    public string DatastripId => StacFormat.Invariant($"{Mission}_OPER_MSI_L2A_DS_{Unit}PS_{Generation}_S{Sensing}_N{Baseline}");

    public string DatatakeId => StacFormat.Invariant($"G{Mission}_{Sensing}_{AbsoluteOrbit:000000}_N{Baseline}");

    /// <summary>Earth Search <c>sentinel-2-l2a</c> id without the sequence: <c>S2B_31UFU_20240612</c>.</summary>
    public string EsL2aStem => $"{Mission}_{Tile}_{Sensing[..8]}";

    /// <summary>Earth Search <c>sentinel-2-c1-l2a</c> id: <c>S2B_T31UFU_20240612T103629_L2A</c>.</summary>
    public string EsC1Id => $"{Mission}_T{Tile}_{Sensing}_L2A";

    /// <summary>The MGRS path segments <c>31/U/FU</c>.</summary>
    public string MgrsPath => StacFormat.Invariant($"{UtmZone}/{LatitudeBand}/{GridSquare}");

    public static Sentinel2Names From(SyntheticScene scene)
    {
        var match = IdPattern().Match(scene.Id);
        var baseline = scene.ProcessingBaseline ?? "05.10";
        var tile = string.IsNullOrEmpty(scene.MgrsTile) ? "00XXX" : scene.MgrsTile;
        string mission, sensing, generation;
        int relativeOrbit = scene.RelativeOrbit;
        if (match.Success)
        {
            mission = match.Groups["mission"].Value;
            sensing = match.Groups["sensing"].Value;
            generation = match.Groups["generation"].Value;
            tile = match.Groups["tile"].Value;
        }
        else
        {
            mission = scene.Platform.Length > 0 ? "S2" + char.ToUpperInvariant(scene.Platform[^1]) : "S2A";
            sensing = StacFormat.Compact(scene.Datetime);
            generation = StacFormat.Compact(scene.Datetime.AddHours(2.5));
        }

        var generationTime = DateTimeOffset.TryParseExact(
            generation, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : scene.Datetime.AddHours(2.5);
        var tileMatch = TilePattern().Match(tile);
        var zone = tileMatch.Success ? int.Parse(tileMatch.Groups["zone"].Value, CultureInfo.InvariantCulture) : 0;
        var band = tileMatch.Success ? tileMatch.Groups["band"].Value : "X";
        var square = tileMatch.Success ? tileMatch.Groups["square"].Value : "XX";

        // A plausible absolute orbit: Sentinel-2 makes 14.3 orbits a day since launch (2015/2017).
        var days = (scene.Datetime - new DateTimeOffset(2017, 3, 7, 0, 0, 0, TimeSpan.Zero)).TotalDays;
        var absolute = Math.Max(1, (int)(days * 14.3) + 1);
        return new Sentinel2Names(mission, sensing, generation, generationTime, tile, zone, band, square, relativeOrbit, absolute, baseline);
    }

    [GeneratedRegex(@"^(?<mission>S2[A-D])_MSIL2A_(?<sensing>\d{8}T\d{6})_(N\d{4}_)?R(?<orbit>\d{3})_T(?<tile>\d{1,2}[A-Z]{3})_(?<generation>\d{8}T\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(?<zone>\d{1,2})(?<band>[A-Z])(?<square>[A-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TilePattern();
}
