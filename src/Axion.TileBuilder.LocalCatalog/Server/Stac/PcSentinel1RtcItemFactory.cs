using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server.Assets;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Builds Planetary Computer <c>sentinel-1-rtc</c> items shaped like
/// <c>planetary-computer-sentinel-1-rtc-item.json</c>: float32 gamma0, nodata -32768, item-level
/// 9-element <c>proj:transform</c>, <c>.rtc.tiff</c> hrefs that need a SAS token.
/// </summary>
internal static class PcSentinel1RtcItemFactory
{
    private const string CogType = "image/tiff; application=geotiff; profile=cloud-optimized";

    public static CatalogItem Create(SyntheticScene scene, CatalogUrls urls, AssetRegistry registry, string worldDirectory)
    {
        var names = Sentinel1Names.From(scene);
        var collection = CollectionIds.Sentinel1Rtc;
        var itemUrl = $"{urls.PcRoot}/collections/{collection}/items/{scene.Id}";
        var date = names.Start.UtcDateTime;
        var safe = StacFormat.Invariant($"GRD/{date.Year}/{date.Month}/{date.Day}/IW/DV/{names.GrdId}_{names.ProductSuffix}/measurement");

        var assets = new JsonObject();
        var polarizations = new List<string>();
        SceneAssetFile? grid = null;
        foreach (var file in scene.Assets.OrderBy(a => a.Key == "vh" ? 0 : 1))
        {
            var key = file.Key.ToLowerInvariant();
            if (key is not ("vv" or "vh"))
            {
                continue;
            }

            grid ??= file;
            polarizations.Add(key.ToUpperInvariant());
            var urlPath = $"{CatalogUrls.PcBlobPath}/{CollectionIds.Sentinel1RtcContainer}/{safe}/iw-{key}.rtc.tiff";
            registry.Add(urlPath, file.RelativePath, CollectionIds.Sentinel1RtcContainer);
            var second = key == "vv" ? "vertical" : "horizontal";
            var asset = new JsonObject
            {
                ["href"] = urls.Base + urlPath,
                ["file:size"] = file.FileSize,
            };
            if (FileChecksums.Md5Hex(Path.Combine(worldDirectory, file.RelativePath)) is { } checksum)
            {
                asset["file:checksum"] = checksum;
            }

            asset["type"] = CogType;
            asset["roles"] = StacFormat.Strings("data");
            asset["title"] = $"{key.ToUpperInvariant()}: vertical transmit, {second} receive";
            asset["description"] = $"Terrain-corrected gamma naught values of signal transmitted with vertical polarization and received with {second} polarization with radiometric terrain correction applied.";
            asset["raster:bands"] = new JsonArray(new JsonObject
            {
                ["nodata"] = file.NoData,
                ["data_type"] = StacFormat.RasterDataType(file.DataType),
                ["spatial_resolution"] = file.ResolutionM,
            });
            assets[key] = asset;
        }

        var dataApi = $"{urls.Base}/api/data/v1/item";
        assets["tilejson"] = new JsonObject
        {
            ["title"] = "TileJSON with default rendering",
            ["href"] = $"{dataApi}/tilejson.json?collection={collection}&item={scene.Id}&assets=vv&assets=vh&format=png",
            ["type"] = "application/json",
            ["roles"] = StacFormat.Strings("tiles"),
        };
        assets["rendered_preview"] = new JsonObject
        {
            ["title"] = "Rendered preview",
            ["rel"] = "preview",
            ["href"] = $"{dataApi}/preview.png?collection={collection}&item={scene.Id}&assets=vv&assets=vh&format=png",
            ["roles"] = StacFormat.Strings("overview"),
            ["type"] = "image/png",
        };

        var res = grid?.ResolutionM ?? 10.0;
        var cols = grid?.Width ?? scene.Width10m;
        var rows = grid?.Height ?? scene.Height10m;
        var properties = PcSentinel1Properties.For(scene, names, polarizations, cols, rows);
        properties["proj:bbox"] = StacFormat.Numbers(scene.OriginX, scene.OriginY - (rows * res), scene.OriginX + (cols * res), scene.OriginY);
        properties["proj:epsg"] = scene.Epsg;
        properties["proj:shape"] = StacFormat.Integers(rows, cols);
        properties["proj:transform"] = StacFormat.Numbers(res, 0.0, scene.OriginX, 0.0, -res, scene.OriginY, 0.0, 0.0, 1.0);

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
                StacFormat.Link("derived_from", $"{urls.PcRoot}/collections/sentinel-1-grd/items/{names.GrdId}", "application/json", "Sentinel 1 GRD Item"),
                StacFormat.Link("preview", $"{dataApi}/map?collection={collection}&item={scene.Id}", "text/html", "Map of item")),
            ["assets"] = assets,
            ["geometry"] = StacFormat.Polygon(scene.FootprintLonLat),
            ["collection"] = collection,
            ["properties"] = properties,
            ["stac_extensions"] = StacFormat.Strings(
                "https://stac-extensions.github.io/sar/v1.0.0/schema.json",
                "https://stac-extensions.github.io/sat/v1.0.0/schema.json",
                "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
                "https://stac-extensions.github.io/file/v2.0.0/schema.json",
                "https://stac-extensions.github.io/raster/v1.1.0/schema.json"),
            ["stac_version"] = "1.0.0",
        };
        return new CatalogItem(collection, scene.Id, scene.Datetime, scene.BboxLonLat, scene.FootprintLonLat, document);
    }
}
