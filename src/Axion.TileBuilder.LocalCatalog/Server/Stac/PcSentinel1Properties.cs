using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>The <c>properties</c> the Planetary Computer's Sentinel-1 items (RTC and GRD) share: <c>sar:*</c>, <c>sat:*</c>, <c>s1:*</c>.</summary>
internal static class PcSentinel1Properties
{
    public static JsonObject For(SyntheticScene scene, Sentinel1Names names, IEnumerable<string> polarizations, int cols, int rows) => new()
    {
        ["datetime"] = StacFormat.Timestamp(scene.Datetime),
        ["platform"] = "SENTINEL-1" + names.Mission[^1],
        ["s1:shape"] = StacFormat.Integers(cols, rows),
        ["end_datetime"] = StacFormat.SpacedTimestamp(names.End),
        ["constellation"] = "Sentinel-1",
        ["s1:resolution"] = "high",
        ["s1:datatake_id"] = names.DatatakeDecimal,
        ["start_datetime"] = StacFormat.SpacedTimestamp(names.Start),
        ["s1:orbit_source"] = "RESORB",
        ["s1:slice_number"] = "1",
        ["s1:total_slices"] = "1",
        ["sar:looks_range"] = 5,
        ["sat:orbit_state"] = scene.OrbitState ?? "descending",
        ["sar:product_type"] = "GRD",
        ["sar:looks_azimuth"] = 1,
        ["sar:polarizations"] = StacFormat.Strings(polarizations.OrderBy(p => p == "VV" ? 0 : 1)),
        ["sar:frequency_band"] = "C",
        ["sat:absolute_orbit"] = names.AbsoluteOrbit,
        ["sat:relative_orbit"] = scene.RelativeOrbit,
        ["s1:processing_level"] = "1",
        ["sar:instrument_mode"] = "IW",
        ["sar:center_frequency"] = 5.405,
        ["sar:resolution_range"] = 20,
        ["s1:product_timeliness"] = "Fast-24h",
        ["sar:resolution_azimuth"] = 22,
        ["sar:pixel_spacing_range"] = 10,
        ["sar:observation_direction"] = "right",
        ["sar:pixel_spacing_azimuth"] = 10,
        ["sar:looks_equivalent_number"] = 4.4,
        ["s1:instrument_configuration_ID"] = "7",
        ["sat:platform_international_designator"] = names.Mission == "S1B" ? "2016-025A" : "2014-016A",
    };
}
