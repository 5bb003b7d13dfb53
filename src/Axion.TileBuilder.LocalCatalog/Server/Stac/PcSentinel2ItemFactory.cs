using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server.Assets;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Builds Planetary Computer <c>sentinel-2-l2a</c> items shaped like
/// <c>planetary-computer-sentinel-2-l2a-item.json</c>: raw DN, no raster:bands, SAS-signed hrefs.
/// </summary>
internal static class PcSentinel2ItemFactory
{
    private const string CogType = "image/tiff; application=geotiff; profile=cloud-optimized";

    public static CatalogItem Create(SyntheticScene scene, CatalogUrls urls, AssetRegistry registry)
    {
        var names = Sentinel2Names.From(scene);
        var collection = CollectionIds.Sentinel2L2A;
        var itemUrl = $"{urls.PcRoot}/collections/{collection}/items/{scene.Id}";
        var date = scene.Datetime.UtcDateTime;
        var granuleFolder = StacFormat.Invariant($"L2A_T{names.Tile}_A{names.AbsoluteOrbit:000000}_{names.Sensing}");
        var productFolder = StacFormat.Invariant($"{names.MgrsPath}/{date:yyyy}/{date:MM}/{date:dd}/{names.ProductUri}");

        var assets = new JsonObject();
        foreach (var file in scene.Assets)
        {
            var band = Sentinel2Band.Find(file.Key);
            if (band is null)
            {
                continue;
            }

            var res = (int)Math.Round(file.ResolutionM);
            var urlPath = StacFormat.Invariant(
                $"{CatalogUrls.PcBlobPath}/{CollectionIds.Sentinel2Container}/{productFolder}/GRANULE/{granuleFolder}/IMG_DATA/R{res}m/T{names.Tile}_{names.Sensing}_{band.Key}_{res}m.tif");
            registry.Add(urlPath, file.RelativePath, CollectionIds.Sentinel2Container);
            var asset = new JsonObject
            {
                ["href"] = urls.Base + urlPath,
                ["proj:bbox"] = StacFormat.Numbers(ProjBbox(scene, file)),
                ["proj:shape"] = StacFormat.Integers(file.Height, file.Width),
                ["proj:transform"] = StacFormat.Numbers(file.ResolutionM, 0.0, scene.OriginX, 0.0, -file.ResolutionM, scene.OriginY),
                ["gsd"] = file.ResolutionM,
                ["type"] = CogType,
                ["roles"] = StacFormat.Strings("data"),
                ["title"] = band.IsReflectance ? StacFormat.Invariant($"{band.PcTitle} - {res}m") : $"{band.PcTitle} ({band.Key})",
            };
            if (band.IsReflectance)
            {
                asset["eo:bands"] = new JsonArray(new JsonObject
                {
                    ["name"] = band.Key,
                    ["common_name"] = band.EoCommonName,
                    ["description"] = band.PcTitle,
                    ["center_wavelength"] = band.CenterWavelength,
                    ["full_width_half_max"] = band.FullWidthHalfMax,
                });
            }

            assets[band.Key] = asset;
        }

        var dataApi = $"{urls.Base}/api/data/v1/item";
        assets["tilejson"] = new JsonObject
        {
            ["title"] = "TileJSON with default rendering",
            ["href"] = $"{dataApi}/tilejson.json?collection={collection}&item={scene.Id}&assets=visual&asset_bidx=visual%7C1%2C2%2C3&nodata=0&format=png",
            ["type"] = "application/json",
            ["roles"] = StacFormat.Strings("tiles"),
        };
        assets["rendered_preview"] = new JsonObject
        {
            ["title"] = "Rendered preview",
            ["rel"] = "preview",
            ["href"] = $"{dataApi}/preview.png?collection={collection}&item={scene.Id}&assets=visual&asset_bidx=visual%7C1%2C2%2C3&nodata=0&format=png",
            ["roles"] = StacFormat.Strings("overview"),
            ["type"] = "image/png",
        };

        var document = new JsonObject
        {
            ["id"] = scene.Id,
            ["bbox"] = StacFormat.Numbers(scene.BboxLonLat),
            ["type"] = "Feature",
            ["links"] = new JsonArray(
                StacFormat.Link("collection", $"{urls.PcRoot}/collections/{collection}", "application/json"),
                StacFormat.Link("parent", $"{urls.PcRoot}/collections/{collection}", "application/json"),
                StacFormat.Link("root", $"{urls.PcRoot}/", "application/json"),
                StacFormat.Link("self", itemUrl, "application/geo+json"),
                StacFormat.Link("license", "https://sentinel.esa.int/documents/247904/690755/Sentinel_Data_Legal_Notice"),
                StacFormat.Link("preview", $"{dataApi}/map?collection={collection}&item={scene.Id}", "text/html", "Map of item")),
            ["assets"] = assets,
            ["geometry"] = StacFormat.Polygon(scene.FootprintLonLat),
            ["collection"] = collection,
            ["properties"] = Properties(scene, names),
            ["stac_extensions"] = StacFormat.Strings(
                "https://stac-extensions.github.io/eo/v1.0.0/schema.json",
                "https://stac-extensions.github.io/sat/v1.0.0/schema.json",
                "https://stac-extensions.github.io/projection/v1.0.0/schema.json"),
            ["stac_version"] = "1.0.0",
        };
        return new CatalogItem(collection, scene.Id, scene.Datetime, scene.BboxLonLat, scene.FootprintLonLat, document);
    }

    internal static double[] ProjBbox(SyntheticScene scene, SceneAssetFile file) =>
    [
        scene.OriginX,
        scene.OriginY - (file.Height * file.ResolutionM),
        scene.OriginX + (file.Width * file.ResolutionM),
        scene.OriginY,
    ];

    private static JsonObject Properties(SyntheticScene scene, Sentinel2Names names)
    {
        var cloud = scene.CloudCover;
        var percentages = Sentinel2Percentages.For(scene);
        return new JsonObject
        {
            ["datetime"] = StacFormat.Timestamp(scene.Datetime),
            ["platform"] = "Sentinel-2" + names.Mission[^1],
            ["proj:epsg"] = scene.Epsg,
            ["instruments"] = StacFormat.Strings("msi"),
            ["s2:mgrs_tile"] = names.Tile,
            ["constellation"] = "Sentinel 2",
            ["s2:granule_id"] = names.GranuleId,
            ["eo:cloud_cover"] = cloud,
            ["s2:datatake_id"] = names.DatatakeId,
            ["s2:product_uri"] = names.ProductUri,
            ["s2:datastrip_id"] = names.DatastripId,
            ["s2:product_type"] = "S2MSI2A",
            ["sat:orbit_state"] = "descending",
            ["s2:datatake_type"] = "INS-NOBS",
            ["s2:generation_time"] = StacFormat.Timestamp(names.GenerationTime),
            ["sat:relative_orbit"] = scene.RelativeOrbit,
            ["s2:water_percentage"] = percentages.Water,
            ["s2:mean_solar_zenith"] = percentages.SunZenith,
            ["s2:mean_solar_azimuth"] = percentages.SunAzimuth,
            ["s2:processing_baseline"] = names.Baseline,
            ["s2:snow_ice_percentage"] = 0.0,
            ["s2:vegetation_percentage"] = percentages.Vegetation,
            ["s2:thin_cirrus_percentage"] = percentages.ThinCirrus,
            ["s2:cloud_shadow_percentage"] = percentages.CloudShadow,
            ["s2:nodata_pixel_percentage"] = percentages.NoData,
            ["s2:unclassified_percentage"] = percentages.Unclassified,
            ["s2:not_vegetated_percentage"] = percentages.NotVegetated,
            ["s2:degraded_msi_data_percentage"] = 0.0,
            ["s2:high_proba_clouds_percentage"] = percentages.HighClouds,
            ["s2:reflectance_conversion_factor"] = percentages.ReflectanceConversion,
            ["s2:medium_proba_clouds_percentage"] = percentages.MediumClouds,
            ["s2:saturated_defective_pixel_percentage"] = 0.0,
        };
    }
}
