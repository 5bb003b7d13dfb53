using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server.Assets;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Builds Earth Search v1 <c>sentinel-2-l2a</c> and <c>sentinel-2-c1-l2a</c> items shaped like
/// <c>earth-search-v1-sentinel-2-l2a-item.json</c> / <c>earth-search-v1-sentinel-2-c1-l2a-item.json</c>:
/// common-name asset keys, <c>raster:bands</c> scale 0.0001 offset -0.1, <c>file:size</c>, public hrefs.
/// </summary>
internal static class EsSentinel2ItemFactory
{
    private const string CogType = "image/tiff; application=geotiff; profile=cloud-optimized";
    private const string L2aBucket = "sentinel-cogs";
    private const string C1Bucket = "e84-earth-search-sentinel-data";

    /// <param name="scene">A Sentinel-2 scene.</param>
    /// <param name="collectionOne">True for <c>sentinel-2-c1-l2a</c>.</param>
    /// <param name="urls">Server URLs.</param>
    /// <param name="registry">Asset table to register the hrefs in.</param>
    /// <param name="usedIds">Ids already given in this collection (the l2a sequence number avoids clashes).</param>
    /// <param name="worldDirectory">World folder (for file checksums).</param>
    public static CatalogItem Create(
        SyntheticScene scene, bool collectionOne, CatalogUrls urls, AssetRegistry registry, ISet<string> usedIds, string worldDirectory)
    {
        var names = Sentinel2Names.From(scene);
        var collection = collectionOne ? CollectionIds.Sentinel2C1L2A : CollectionIds.Sentinel2L2A;
        var id = collectionOne ? names.EsC1Id : L2aId(names, usedIds);
        usedIds.Add(id);
        var date = scene.Datetime.UtcDateTime;
        var bucket = collectionOne ? C1Bucket : L2aBucket;
        var prefix = collectionOne ? "sentinel-2-c1-l2a" : "sentinel-s2-l2a-cogs";
        var folder = StacFormat.Invariant($"{prefix}/{names.MgrsPath}/{date.Year}/{date.Month}/{id}");

        // sentinel-2-l2a of baseline >= 04.00: the world's offset-applied copies when it has them
        // (flag true); otherwise the raw files with the flag false, which is consistent for a client
        // that decides by baseline (the catalogs' own "false" is unreliable anyway).
        var variants = !collectionOne && string.CompareOrdinal(names.Baseline, "04.00") >= 0 ? scene.OffsetAppliedAssets : null;
        var offsetApplied = variants is { Count: > 0 };

        var assets = new JsonObject();
        foreach (var file in scene.Assets)
        {
            var band = Sentinel2Band.Find(file.Key);
            if (band is null)
            {
                continue;
            }

            var res = (int)Math.Round(file.ResolutionM);
            var urlPath = $"{CatalogUrls.EsS3Path}/{bucket}/{folder}/{band.Key}.tif";
            var served = variants?.FirstOrDefault(v => string.Equals(v.Key, file.Key, StringComparison.OrdinalIgnoreCase)) ?? file;
            registry.Add(urlPath, served.RelativePath, sasContainer: null);
            var checksum = collectionOne ? FileChecksums.Sha256Multihash(Path.Combine(worldDirectory, served.RelativePath)) : null;
            assets[band.CommonName] = Asset(band, served, scene, urls.Base + urlPath, res, collectionOne, checksum);
        }

        var itemUrl = $"{urls.EsRoot}/collections/{collection}/items/{id}";
        var links = new JsonArray(
            StacFormat.Link("self", itemUrl, "application/geo+json"),
            StacFormat.Link("canonical", $"s3://{bucket}/{folder}/{id}.json", "application/json"),
            StacFormat.Link("license", "https://sentinel.esa.int/documents/247904/690755/Sentinel_Data_Legal_Notice"));
        if (!collectionOne)
        {
            links.Add(StacFormat.Link("derived_from", $"{urls.EsRoot}/collections/sentinel-2-l1c/items/{id[..^3]}L1C", "application/geo+json"));
        }

        links.Add(StacFormat.Link("parent", $"{urls.EsRoot}/collections/{collection}", "application/json"));
        links.Add(StacFormat.Link("collection", $"{urls.EsRoot}/collections/{collection}", "application/json"));
        links.Add(StacFormat.Link("root", urls.EsRoot, "application/json"));
        links.Add(StacFormat.Link("thumbnail", $"{itemUrl}/thumbnail"));

        var document = new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = "1.0.0",
            ["id"] = id,
            ["properties"] = collectionOne
                ? C1Properties(scene, names)
                : L2aProperties(scene, names, $"s3://{bucket}/{folder}", offsetApplied),
            ["geometry"] = StacFormat.Polygon(scene.FootprintLonLat),
            ["links"] = links,
            ["assets"] = assets,
            ["bbox"] = StacFormat.Numbers(scene.BboxLonLat),
            ["stac_extensions"] = collectionOne ? C1Extensions() : L2aExtensions(),
            ["collection"] = collection,
        };
        return new CatalogItem(collection, id, scene.Datetime, scene.BboxLonLat, scene.FootprintLonLat, document);
    }

    private static string L2aId(Sentinel2Names names, ISet<string> usedIds)
    {
        for (var sequence = 0; ; sequence++)
        {
            var id = StacFormat.Invariant($"{names.EsL2aStem}_{sequence}_L2A");
            if (!usedIds.Contains(id))
            {
                return id;
            }
        }
    }

    private static JsonObject Asset(
        Sentinel2Band band, SceneAssetFile file, SyntheticScene scene, string href, int res, bool collectionOne, string? checksum)
    {
        var title = collectionOne
            ? StacFormat.Invariant($"{band.EsC1Title} - {res}m")
            : band.IsReflectance ? StacFormat.Invariant($"{band.EsDescription} - {res}m") : $"{band.EsDescription} (SCL)";
        if (collectionOne && !band.IsReflectance)
        {
            title = $"{band.EsC1Title} (SCL)";
        }

        var asset = new JsonObject
        {
            ["href"] = href,
            ["type"] = CogType,
            ["title"] = title,
        };
        if (band.IsReflectance)
        {
            var eoBand = new JsonObject { ["name"] = collectionOne ? band.Key : band.CommonName, ["common_name"] = band.EoCommonName };
            if (!collectionOne)
            {
                eoBand["description"] = band.EsDescription;
            }

            eoBand["center_wavelength"] = band.CenterWavelength;
            eoBand["full_width_half_max"] = band.FullWidthHalfMax;
            asset["eo:bands"] = new JsonArray(eoBand);
        }

        if (band.IsReflectance || collectionOne)
        {
            asset["gsd"] = res;
        }

        asset["proj:shape"] = StacFormat.Integers(file.Height, file.Width);
        asset["proj:transform"] = StacFormat.Numbers(file.ResolutionM, 0, scene.OriginX, 0, -file.ResolutionM, scene.OriginY);
        var rasterBand = new JsonObject
        {
            ["nodata"] = file.NoData,
            ["data_type"] = StacFormat.RasterDataType(file.DataType),
        };
        if (band.IsReflectance && !collectionOne)
        {
            rasterBand["bits_per_sample"] = 15;
        }

        rasterBand["spatial_resolution"] = res;
        if (band.IsReflectance)
        {
            rasterBand["scale"] = 0.0001;
            rasterBand["offset"] = -0.1;
        }

        asset["raster:bands"] = new JsonArray(rasterBand);
        if (checksum is not null)
        {
            asset["file:checksum"] = checksum;
        }

        asset["file:size"] = file.FileSize;
        asset["roles"] = band.IsReflectance || !collectionOne ? StacFormat.Strings("data", "reflectance") : StacFormat.Strings("data");
        return asset;
    }

    private static JsonObject L2aProperties(SyntheticScene scene, Sentinel2Names names, string s3Path, bool offsetApplied)
    {
        var p = Sentinel2Percentages.For(scene);
        var created = StacFormat.Timestamp(names.GenerationTime.AddHours(1));
        return new JsonObject
        {
            ["created"] = created,
            ["platform"] = "sentinel-2" + char.ToLowerInvariant(names.Mission[^1]),
            ["constellation"] = "sentinel-2",
            ["instruments"] = StacFormat.Strings("msi"),
            ["eo:cloud_cover"] = scene.CloudCover,
            ["proj:epsg"] = scene.Epsg,
            ["mgrs:utm_zone"] = names.UtmZone,
            ["mgrs:latitude_band"] = names.LatitudeBand,
            ["mgrs:grid_square"] = names.GridSquare,
            ["grid:code"] = $"MGRS-{names.Tile}",
            ["view:sun_azimuth"] = p.SunAzimuth,
            ["view:sun_elevation"] = 90 - p.SunZenith,
            ["s2:degraded_msi_data_percentage"] = 0.0,
            ["s2:nodata_pixel_percentage"] = p.NoData,
            ["s2:saturated_defective_pixel_percentage"] = 0,
            ["s2:dark_features_percentage"] = p.DarkFeatures,
            ["s2:cloud_shadow_percentage"] = p.CloudShadow,
            ["s2:vegetation_percentage"] = p.Vegetation,
            ["s2:not_vegetated_percentage"] = p.NotVegetated,
            ["s2:water_percentage"] = p.Water,
            ["s2:unclassified_percentage"] = p.Unclassified,
            ["s2:medium_proba_clouds_percentage"] = p.MediumClouds,
            ["s2:high_proba_clouds_percentage"] = p.HighClouds,
            ["s2:thin_cirrus_percentage"] = p.ThinCirrus,
            ["s2:snow_ice_percentage"] = 0,
            ["s2:product_type"] = "S2MSI2A",
            ["s2:processing_baseline"] = names.Baseline,
            ["s2:product_uri"] = names.ProductUri,
            ["s2:generation_time"] = StacFormat.Timestamp(names.GenerationTime),
            ["s2:datatake_id"] = names.DatatakeId,
            ["s2:datatake_type"] = "INS-NOBS",
            ["s2:datastrip_id"] = names.DatastripId,
            ["s2:granule_id"] = names.GranuleId,
            ["s2:reflectance_conversion_factor"] = p.ReflectanceConversion,
            ["datetime"] = StacFormat.Timestamp(scene.Datetime),
            ["s2:sequence"] = "0",
            ["earthsearch:s3_path"] = s3Path,
            ["earthsearch:payload_id"] = "roda-sentinel2/workflow-sentinel2-to-stac/" + PayloadHash(scene.Id),
            ["earthsearch:boa_offset_applied"] = offsetApplied,
            ["processing:software"] = new JsonObject { ["sentinel2-to-stac"] = "0.1.1" },
            ["updated"] = created,
        };
    }

    private static JsonObject C1Properties(SyntheticScene scene, Sentinel2Names names)
    {
        var p = Sentinel2Percentages.For(scene);
        var created = StacFormat.Timestamp(names.GenerationTime.AddHours(1));
        var bbox = scene.BboxLonLat;
        return new JsonObject
        {
            ["created"] = created,
            ["platform"] = "sentinel-2" + char.ToLowerInvariant(names.Mission[^1]),
            ["constellation"] = "sentinel-2",
            ["instruments"] = StacFormat.Strings("msi"),
            ["eo:cloud_cover"] = scene.CloudCover,
            ["proj:epsg"] = scene.Epsg,
            ["proj:centroid"] = new JsonObject
            {
                ["lat"] = Math.Round((bbox[1] + bbox[3]) / 2, 5),
                ["lon"] = Math.Round((bbox[0] + bbox[2]) / 2, 5),
            },
            ["mgrs:utm_zone"] = names.UtmZone,
            ["mgrs:latitude_band"] = names.LatitudeBand,
            ["mgrs:grid_square"] = names.GridSquare,
            ["grid:code"] = $"MGRS-{names.Tile}",
            ["view:azimuth"] = 100 + (200 * StacFormat.Unit(scene.Id, "view-az")),
            ["view:incidence_angle"] = 2 + (8 * StacFormat.Unit(scene.Id, "view-inc")),
            ["view:sun_azimuth"] = p.SunAzimuth,
            ["view:sun_elevation"] = 90 - p.SunZenith,
            ["s2:tile_id"] = names.GranuleId,
            ["s2:degraded_msi_data_percentage"] = 0.0,
            ["s2:nodata_pixel_percentage"] = p.NoData,
            ["s2:saturated_defective_pixel_percentage"] = 0,
            ["s2:cloud_shadow_percentage"] = p.CloudShadow,
            ["s2:vegetation_percentage"] = p.Vegetation,
            ["s2:not_vegetated_percentage"] = p.NotVegetated,
            ["s2:water_percentage"] = p.Water,
            ["s2:unclassified_percentage"] = p.Unclassified,
            ["s2:medium_proba_clouds_percentage"] = p.MediumClouds,
            ["s2:high_proba_clouds_percentage"] = p.HighClouds,
            ["s2:thin_cirrus_percentage"] = p.ThinCirrus,
            ["s2:snow_ice_percentage"] = 0,
            ["s2:product_type"] = "S2MSI2A",
            ["s2:processing_baseline"] = names.Baseline,
            ["s2:product_uri"] = names.ProductUri,
            ["s2:generation_time"] = StacFormat.Timestamp(names.GenerationTime),
            ["s2:datatake_id"] = names.DatatakeId,
            ["s2:datatake_type"] = "INS-NOBS",
            ["s2:datastrip_id"] = names.DatastripId,
            ["s2:reflectance_conversion_factor"] = p.ReflectanceConversion,
            ["datetime"] = StacFormat.Timestamp(scene.Datetime),
            ["earthsearch:payload_id"] = "roda-sentinel-2-c1-l2a/workflow-sentinel-2-c1-l2a-to-stac/" + PayloadHash(scene.Id),
            ["storage:platform"] = "AWS",
            ["storage:region"] = "us-west-2",
            ["storage:requester_pays"] = false,
            ["processing:software"] = new JsonObject { ["sentinel-2-c1-l2a-to-stac"] = "v2025.06.17" },
            ["updated"] = created,
        };
    }

    private static string PayloadHash(string id) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(id)));

    private static JsonArray L2aExtensions() => StacFormat.Strings(
        "https://stac-extensions.github.io/processing/v1.1.0/schema.json",
        "https://stac-extensions.github.io/grid/v1.0.0/schema.json",
        "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
        "https://stac-extensions.github.io/view/v1.0.0/schema.json",
        "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
        "https://stac-extensions.github.io/mgrs/v1.0.0/schema.json",
        "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
        "https://stac-extensions.github.io/file/v2.1.0/schema.json");

    private static JsonArray C1Extensions() => StacFormat.Strings(
        "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
        "https://stac-extensions.github.io/file/v2.1.0/schema.json",
        "https://stac-extensions.github.io/grid/v1.1.0/schema.json",
        "https://stac-extensions.github.io/mgrs/v1.0.0/schema.json",
        "https://stac-extensions.github.io/processing/v1.1.0/schema.json",
        "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
        "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
        "https://stac-extensions.github.io/sentinel-2/v1.0.0/schema.json",
        "https://stac-extensions.github.io/storage/v1.0.0/schema.json",
        "https://stac-extensions.github.io/view/v1.0.0/schema.json");
}
