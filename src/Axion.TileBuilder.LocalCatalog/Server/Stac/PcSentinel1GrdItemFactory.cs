using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server.Assets;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Builds Planetary Computer <c>sentinel-1-grd</c> items shaped like <c>planetary-computer-sentinel-1-grd-item.json</c>:
/// <c>vv</c>/<c>vh</c> COG assets (uint16 amplitude, GCPs in EPSG:4326, nodata 0) under
/// <c>GRD/yyyy/m/d/IW/DV/&lt;product&gt;/measurement/iw-vv.tiff</c> in the <c>s1-grd</c> container (SAS token needed),
/// the metadata assets (manifest, calibration and noise annotation; not served), only the sar and sat extensions,
/// and, like the real documents, no <c>proj:*</c> fields and no <c>raster:bands</c>.
/// </summary>
internal static class PcSentinel1GrdItemFactory
{
    private const string CogType = "image/tiff; application=geotiff; profile=cloud-optimized";

    public static CatalogItem Create(SyntheticScene scene, CatalogUrls urls, AssetRegistry registry)
    {
        var names = Sentinel1Names.From(scene);
        var collection = CollectionIds.Sentinel1Grd;
        var itemUrl = $"{urls.PcRoot}/collections/{collection}/items/{scene.Id}";
        var date = names.Start.UtcDateTime;
        var product = StacFormat.Invariant($"GRD/{date.Year}/{date.Month}/{date.Day}/IW/DV/{names.GrdId}_{names.ProductSuffix}");
        var blob = $"{urls.Base}{CatalogUrls.PcBlobPath}/{CollectionIds.Sentinel1GrdContainer}/{product}";

        var assets = new JsonObject();
        var polarizations = new List<string>();
        foreach (var file in scene.Assets.OrderBy(a => a.Key == "vh" ? 0 : 1))
        {
            var key = file.Key.ToLowerInvariant();
            if (key is not ("vv" or "vh"))
            {
                continue;
            }

            polarizations.Add(key.ToUpperInvariant());
            var urlPath = $"{CatalogUrls.PcBlobPath}/{CollectionIds.Sentinel1GrdContainer}/{product}/measurement/iw-{key}.tiff";
            registry.Add(urlPath, file.RelativePath, CollectionIds.Sentinel1GrdContainer);
            var second = key == "vv" ? "vertical" : "horizontal";
            assets[key] = new JsonObject
            {
                ["href"] = urls.Base + urlPath,
                ["type"] = CogType,
                ["roles"] = StacFormat.Strings("data"),
                ["title"] = $"{key.ToUpperInvariant()}: vertical transmit, {second} receive",
                ["description"] = $"Amplitude of signal transmitted with vertical polarization and received with {second} polarization with radiometric terrain correction applied.",
            };
        }

        assets["thumbnail"] = Metadata($"{blob}/preview/quick-look.png", "image/png", "thumbnail", "Preview Image", "An averaged, decimated preview image in PNG format.");
        assets["safe-manifest"] = Metadata($"{blob}/manifest.safe", "application/xml", "metadata", "Manifest File", "General product metadata in XML format.");
        foreach (var pol in new[] { "vh", "vv" })
        {
            assets[$"schema-noise-{pol}"] = Metadata($"{blob}/annotation/calibration/noise-iw-{pol}.xml", "application/xml", "metadata", "Noise Schema", "Estimated thermal noise look-up tables");
            assets[$"schema-product-{pol}"] = Metadata($"{blob}/annotation/rfi/rfi-iw-{pol}.xml", "application/xml", "metadata", "Product Schema", "Describes the main characteristics corresponding to the band.");
            assets[$"schema-calibration-{pol}"] = Metadata(
                $"{blob}/annotation/calibration/calibration-iw-{pol}.xml",
                "application/xml",
                "metadata",
                "Calibration Schema",
                "Calibration metadata including calibration information and the beta nought, sigma nought, gamma and digital number look-up tables that can be used for absolute product calibration.");
        }

        var dataApi = $"{urls.Base}/api/data/v1/item";
        assets["tilejson"] = new JsonObject
        {
            ["title"] = "TileJSON with default rendering",
            ["href"] = $"{dataApi}/tilejson.json?collection={collection}&item={scene.Id}&assets=vv&assets=vh&expression=vv%3Bvh%3Bvv%2Fvh&rescale=0%2C600&rescale=0%2C270&rescale=0%2C9&asset_as_band=True&tile_format=png&format=png",
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

        var properties = PcSentinel1Properties.For(scene, names, polarizations, scene.Width10m, scene.Height10m);

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
            ["properties"] = properties,
            ["stac_extensions"] = StacFormat.Strings(
                "https://stac-extensions.github.io/sar/v1.0.0/schema.json",
                "https://stac-extensions.github.io/sat/v1.0.0/schema.json"),
            ["stac_version"] = "1.0.0",
        };
        return new CatalogItem(collection, scene.Id, scene.Datetime, scene.BboxLonLat, scene.FootprintLonLat, document);
    }

    private static JsonObject Metadata(string href, string type, string role, string title, string description) => new()
    {
        ["href"] = href,
        ["type"] = type,
        ["roles"] = StacFormat.Strings(role),
        ["title"] = title,
        ["description"] = description,
    };
}
