namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// Plans the Sentinel-1 GRD products of a location (<see cref="WorldSpec.IncludeS1Grd"/>): one per RTC acquisition,
/// with the RTC item's GRD product id, a raster 1.4 times the scene side (real GRD swaths are wider than the
/// tiles cut from them, and the rotated image must still cover the AOI), centred on the RTC grid, rotated by a
/// track heading (ascending -12 deg, descending 192 deg) and stretched across track from 8.5 m to 11.5 m spacing.
/// </summary>
internal static class GrdScenePlanner
{
    /// <summary>Near-range ground spacing of the synthetic GRD, metres.</summary>
    public const double NearSpacingM = 8.5;

    /// <summary>Far-range ground spacing, metres.</summary>
    public const double FarSpacingM = 11.5;

    public static IReadOnlyList<SyntheticScene> For(LocationPlan plan, WorldSpec spec)
    {
        var size = (int)Math.Round(spec.ScenePx * 1.4 / 2) * 2;
        var grid = plan.S1Grid;
        var centreE = grid.OriginX + (grid.Width * 10.0 / 2);
        var centreN = grid.OriginY - (grid.Height * 10.0 / 2);
        var border = Math.Max(4, size / 64);
        return plan.S1Scenes.Select(rtc =>
        {
            var ascending = rtc.OrbitState == "ascending";
            var geometry = new GrdGeometry(grid.Zone, grid.North, centreE, centreN, size, size, ascending ? -12 : 192, NearSpacingM, FarSpacingM, 10, border);
            var id = rtc.Id.EndsWith("_rtc", StringComparison.Ordinal) ? rtc.Id[..^4] : rtc.Id + "_grd";
            return rtc with
            {
                Id = id,
                Kind = SceneKind.Sentinel1Grd,
                OriginX = 0,
                OriginY = 0,
                Width10m = size,
                Height10m = size,
                BboxLonLat = geometry.BboxLonLat(),
                FootprintLonLat = geometry.FootprintLonLat(),
                Assets =
                [
                    new SceneAssetFile("vv", $"s1grd/{id}/vv.tif", size, size, 10, "UInt16", 0, 0),
                    new SceneAssetFile("vh", $"s1grd/{id}/vh.tif", size, size, 10, "UInt16", 0, 0),
                ],
                NoDataWedge = null,
                Grd = geometry,
            };
        }).ToList();
    }
}
