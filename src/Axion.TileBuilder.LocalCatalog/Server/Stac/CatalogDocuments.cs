using System.Text.Json.Nodes;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Landing pages, conformance and collection documents of both flavours (shaped like <c>more/pc-landing.json</c>, <c>more/es-landing.json</c>).</summary>
internal static class CatalogDocuments
{
    public static readonly IReadOnlyList<string> PcConformance =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "https://api.stacspec.org/v1.0.0/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "https://api.stacspec.org/v1.0.0/item-search#query",
        "https://api.stacspec.org/v1.0.0/item-search",
        "https://api.stacspec.org/v1.0.0/item-search#sort",
        "https://api.stacspec.org/v1.0.0-rc.2/item-search#filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
        "https://api.stacspec.org/v1.0.0/item-search#fields",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "https://api.stacspec.org/v1.0.0/collections",
        "https://api.stacspec.org/v1.0.0/ogcapi-features",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    ];

    public static readonly IReadOnlyList<string> EsConformance =
    [
        "https://api.stacspec.org/v1.0.0/core",
        "https://api.stacspec.org/v1.0.0/collections",
        "https://api.stacspec.org/v1.0.0/ogcapi-features",
        "https://api.stacspec.org/v1.0.0/item-search",
        "https://api.stacspec.org/v1.0.0/ogcapi-features#fields",
        "https://api.stacspec.org/v1.0.0/ogcapi-features#sort",
        "https://api.stacspec.org/v1.0.0/ogcapi-features#query",
        "https://api.stacspec.org/v1.0.0/item-search#fields",
        "https://api.stacspec.org/v1.0.0/item-search#sort",
        "https://api.stacspec.org/v1.0.0/item-search#query",
        "https://api.stacspec.org/v0.3.0/aggregation",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    ];

    public static JsonObject PcLanding(CatalogUrls urls)
    {
        var root = urls.PcRoot + "/";
        var links = new JsonArray(
            StacFormat.Link("self", root, "application/json"),
            StacFormat.Link("root", root, "application/json"),
            StacFormat.Link("data", urls.PcRoot + "/collections", "application/json"),
            StacFormat.Link("conformance", urls.PcRoot + "/conformance", "application/json", "STAC/OGC conformance classes implemented by this server"),
            SearchLink(urls.PcRoot + "/search", "GET", "STAC search"),
            SearchLink(urls.PcRoot + "/search", "POST", "STAC search"));
        foreach (var collection in StacCatalog.PcCollections)
        {
            links.Add(StacFormat.Link("child", $"{urls.PcRoot}/collections/{collection}", "application/json", PcTitle(collection)));
        }

        return new JsonObject
        {
            ["type"] = "Catalog",
            ["id"] = "microsoft-pc",
            ["title"] = "Microsoft Planetary Computer STAC API",
            ["description"] = "Searchable spatiotemporal metadata describing Earth science datasets hosted by the Microsoft Planetary Computer (local imitation)",
            ["stac_version"] = "1.0.0",
            ["conformsTo"] = StacFormat.Strings(PcConformance),
            ["links"] = links,
            ["stac_extensions"] = new JsonArray(),
        };
    }

    public static JsonObject EsLanding(CatalogUrls urls)
    {
        var root = urls.EsRoot;
        var links = new JsonArray(
            StacFormat.Link("self", root, "application/json"),
            StacFormat.Link("root", root, "application/json"),
            StacFormat.Link("conformance", root + "/conformance", "application/json"),
            StacFormat.Link("data", root + "/collections", "application/json"),
            SearchLink(root + "/search", "GET", null),
            SearchLink(root + "/search", "POST", null),
            StacFormat.Link("server", "https://stac-utils.github.io/stac-server/", "text/html"));
        foreach (var collection in StacCatalog.EsCollections)
        {
            links.Add(StacFormat.Link("child", $"{root}/collections/{collection}", "application/geo+json"));
        }

        return new JsonObject
        {
            ["stac_version"] = "1.0.0",
            ["type"] = "Catalog",
            ["id"] = "earth-search-aws",
            ["title"] = "Earth Search by Element 84",
            ["description"] = "A STAC API of public datasets on AWS (local imitation)",
            ["links"] = links,
            ["conformsTo"] = StacFormat.Strings(EsConformance),
        };
    }

    public static JsonObject Conformance(IReadOnlyList<string> classes) => new() { ["conformsTo"] = StacFormat.Strings(classes) };

    public static JsonObject PcCollection(string id, CatalogUrls urls, IReadOnlyList<CatalogItem> items)
    {
        var self = $"{urls.PcRoot}/collections/{id}";
        var grd = id == CollectionIds.Sentinel1Grd;
        var s1 = id == CollectionIds.Sentinel1Rtc || grd;
        var document = new JsonObject
        {
            ["id"] = id,
            ["type"] = "Collection",
            ["links"] = new JsonArray(
                StacFormat.Link("items", self + "/items", "application/geo+json"),
                StacFormat.Link("parent", urls.PcRoot + "/", "application/json"),
                StacFormat.Link("root", urls.PcRoot + "/", "application/json"),
                StacFormat.Link("self", self, "application/json"),
                StacFormat.Link("license", "https://sentinel.esa.int/documents/247904/690755/Sentinel_Data_Legal_Notice", title: "Copernicus Sentinel data terms")),
            ["title"] = PcTitle(id),
            ["extent"] = Extent(items),
            ["license"] = s1 ? "CC-BY-4.0" : "proprietary",
            ["description"] = grd
                ? "Sentinel-1 Level-1 Ground Range Detected amplitude (uint16, nodata 0), geolocated by ground control points (synthetic)."
                : s1
                ? "Radiometrically terrain corrected SAR imagery derived from the Sentinel 1 Level 1 GRD product (synthetic)."
                : "Sentinel-2 Level-2A bottom-of-atmosphere reflectances (synthetic).",
            ["item_assets"] = s1 ? PcS1ItemAssets(grd) : PcS2ItemAssets(),
            ["stac_version"] = "1.0.0",
            ["msft:container"] = CollectionIds.PcContainer(id),
            ["msft:storage_account"] = grd ? "sentinel1euwest" : s1 ? "sentinel1euwestrtc" : "sentinel2l2a01",
            ["msft:short_description"] = PcTitle(id),
        };
        return document;
    }

    public static JsonObject EsCollection(string id, CatalogUrls urls, IReadOnlyList<CatalogItem> items)
    {
        var self = $"{urls.EsRoot}/collections/{id}";
        var itemAssets = new JsonObject();
        foreach (var band in Sentinel2Band.All)
        {
            itemAssets[band.CommonName] = new JsonObject
            {
                ["type"] = "image/tiff; application=geotiff; profile=cloud-optimized",
                ["title"] = band.IsReflectance ? band.EsDescription : band.EsDescription + " (SCL)",
                ["roles"] = StacFormat.Strings("data"),
            };
        }

        return new JsonObject
        {
            ["type"] = "Collection",
            ["stac_version"] = "1.0.0",
            ["id"] = id,
            ["title"] = id == CollectionIds.Sentinel2C1L2A ? "Sentinel-2 Collection 1 Level-2A" : "Sentinel-2 Level-2A",
            ["description"] = "Sentinel-2 Level-2A surface reflectance COGs (synthetic).",
            ["license"] = "proprietary",
            ["extent"] = Extent(items),
            ["item_assets"] = itemAssets,
            ["links"] = new JsonArray(
                StacFormat.Link("self", self, "application/json"),
                StacFormat.Link("parent", urls.EsRoot, "application/json"),
                StacFormat.Link("root", urls.EsRoot, "application/json"),
                StacFormat.Link("items", self + "/items", "application/geo+json"),
                StacFormat.Link("license", "https://sentinel.esa.int/documents/247904/690755/Sentinel_Data_Legal_Notice")),
        };
    }

    private static string PcTitle(string collection) => collection switch
    {
        CollectionIds.Sentinel1Rtc => "Sentinel 1 Radiometrically Terrain Corrected (RTC)",
        CollectionIds.Sentinel1Grd => "Sentinel 1 Level-1 Ground Range Detected (GRD)",
        _ => "Sentinel-2 Level-2A",
    };

    private static JsonObject SearchLink(string href, string method, string? title)
    {
        var link = StacFormat.Link("search", href, "application/geo+json", title);
        link["method"] = method;
        return link;
    }

    private static JsonObject Extent(IReadOnlyList<CatalogItem> items)
    {
        var bbox = items.Count == 0
            ? StacFormat.Numbers(-180, -90, 180, 90)
            : StacFormat.Numbers(items.Min(i => i.Bbox[0]), items.Min(i => i.Bbox[1]), items.Max(i => i.Bbox[2]), items.Max(i => i.Bbox[3]));
        JsonNode? start = items.Count == 0 ? null : StacFormat.Seconds(items.Min(i => i.Datetime));
        JsonNode? end = items.Count == 0 ? null : StacFormat.Seconds(items.Max(i => i.Datetime));
        return new JsonObject
        {
            ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(bbox) },
            ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(start, end)) },
        };
    }

    private static JsonObject PcS2ItemAssets()
    {
        var assets = new JsonObject();
        foreach (var band in Sentinel2Band.All)
        {
            assets[band.Key] = new JsonObject
            {
                ["type"] = "image/tiff; application=geotiff; profile=cloud-optimized",
                ["roles"] = StacFormat.Strings("data"),
                ["title"] = band.PcTitle,
            };
        }

        return assets;
    }

    private static JsonObject PcS1ItemAssets(bool grd = false)
    {
        var assets = new JsonObject();
        foreach (var key in new[] { "vh", "vv" })
        {
            if (grd)
            {
                // The real sentinel-1-grd documents carry no raster:bands.
                assets[key] = new JsonObject
                {
                    ["type"] = "image/tiff; application=geotiff; profile=cloud-optimized",
                    ["roles"] = StacFormat.Strings("data"),
                    ["title"] = key.ToUpperInvariant(),
                };
                continue;
            }

            assets[key] = new JsonObject
            {
                ["type"] = "image/tiff; application=geotiff; profile=cloud-optimized",
                ["roles"] = StacFormat.Strings("data"),
                ["title"] = key.ToUpperInvariant(),
                ["raster:bands"] = new JsonArray(new JsonObject { ["nodata"] = -32768, ["data_type"] = "float32", ["spatial_resolution"] = 10.0 }),
            };
        }

        return assets;
    }
}
