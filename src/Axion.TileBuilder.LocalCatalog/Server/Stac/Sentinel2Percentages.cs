using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Synthesised scene statistics consistent with the scene's cloud cover (the cloud percentages add
/// up to <c>eo:cloud_cover</c>); the rest are stable pseudo-random values of the scene id.
/// </summary>
internal sealed record Sentinel2Percentages(
    double MediumClouds,
    double HighClouds,
    double ThinCirrus,
    double CloudShadow,
    double Vegetation,
    double NotVegetated,
    double Water,
    double Unclassified,
    double DarkFeatures,
    double NoData,
    double SunZenith,
    double SunAzimuth,
    double ReflectanceConversion)
{
    public static Sentinel2Percentages For(SyntheticScene scene)
    {
        var cloud = Math.Clamp(scene.CloudCover, 0, 100);
        var medium = Math.Round(cloud * 0.5, 6);
        var high = Math.Round(cloud * 0.4, 6);
        var cirrus = Math.Round(cloud - medium - high, 6);
        var shadow = Math.Round(Math.Min(100 - cloud, cloud * 0.1), 6);
        var rest = Math.Max(0, 100 - cloud - shadow);
        var vegetation = Math.Round(rest * (0.3 + (0.4 * StacFormat.Unit(scene.Id, "veg"))), 6);
        var water = Math.Round((rest - vegetation) * 0.1, 6);
        var unclassified = Math.Round((rest - vegetation - water) * 0.02, 6);
        var dark = Math.Round((rest - vegetation - water) * 0.01, 6);
        var notVegetated = Math.Round(rest - vegetation - water - unclassified - dark, 6);
        var dayOfYear = scene.Datetime.UtcDateTime.DayOfYear;
        var zenith = 25 + (20 * (1 - Math.Cos((dayOfYear - 172) * 2 * Math.PI / 365.25)) / 2);
        var azimuth = 140 + (30 * StacFormat.Unit(scene.Id, "az"));
        var conversion = 1 + (0.0334 * Math.Cos((dayOfYear - 3) * 2 * Math.PI / 365.25));
        return new Sentinel2Percentages(
            medium, high, cirrus, shadow, vegetation, notVegetated, water, unclassified, dark,
            Math.Round(5 * StacFormat.Unit(scene.Id, "nodata"), 6), zenith, azimuth, conversion);
    }
}
