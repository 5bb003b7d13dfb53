using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Bench;

/// <summary>
/// The threaded rasterio peer (<c>bench/peers/rasterio_peer.py</c>, Debian's <c>python3-rasterio</c>): the seven window
/// reads of a row in 7 threads, rows one after another, in one Python process per run, with axion-tiles' GDAL settings
/// (<see cref="GdalCloudConfig.Defaults"/>) as its environment. The signed hrefs are looked up before the process
/// starts, each row with its own search, so every row gets its own asset URLs from the catalog's distinct-URL rule
/// (as a build's rows do): no COG header or block is shared between rows inside the process.
/// </summary>
internal static class RasterioPeer
{
    /// <summary>Runs the peer once over <paramref name="rows"/>; returns each row's wall and CPU seconds of its reads and the whole process's cost.</summary>
    /// <param name="http">Client for the catalog's search and token endpoints.</param>
    /// <param name="stacRoot">The local catalog's Planetary Computer STAC root.</param>
    /// <param name="tokenUrl">Its SAS token endpoint (<c>{tokenUrl}/{collection}</c>).</param>
    /// <param name="rows">Rows of a finished batch's index (AOI and items).</param>
    /// <param name="python">The Python with rasterio, normally <c>/usr/bin/python3</c>.</param>
    /// <param name="script">Path of <c>rasterio_peer.py</c>.</param>
    /// <param name="scratch">Folder for the input file.</param>
    public static async Task<(IReadOnlyList<PeerRowCost> Rows, ChildCost Process)> RunAsync(
        HttpClient http, Uri stacRoot, Uri tokenUrl, IReadOnlyList<IndexRow> rows, string python, string script, string scratch)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var collection in new[] { PeerAssets.Sentinel2, PeerAssets.Sentinel1 })
        {
            tokens[collection] = (string)JsonNode.Parse(await http.GetStringAsync(new Uri($"{tokenUrl.AbsoluteUri.TrimEnd('/')}/{collection}")))!["token"]!;
        }

        var input = new JsonArray();
        foreach (var row in rows)
        {
            var items = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            foreach (var collection in tokens.Keys)
            {
                items[collection] = await SearchOneAsync(http, stacRoot, collection, PeerAssets.ItemOf(row, collection), row);
            }

            var hrefs = new JsonArray([.. PeerAssets.All.Select(a => JsonValue.Create((string)items[a.Collection]["assets"]![a.Asset]!["href"]! + "?" + tokens[a.Collection]))]);
            input.Add(new JsonObject
            {
                ["id"] = row.RowId,
                ["epsg"] = row.Epsg,
                ["bounds"] = new JsonArray(row.MinX, row.MinY, row.MaxX, row.MaxY),
                ["hrefs"] = hrefs,
            });
        }

        var path = Path.Combine(scratch, "rasterio-rows.json");
        await File.WriteAllTextAsync(path, new JsonObject { ["rows"] = input }.ToJsonString(), new UTF8Encoding(false));
        var cost = ChildRun.Run(python, [script, path], GdalCloudConfig.Defaults);
        if (cost.ExitCode != 0)
        {
            throw new InvalidOperationException($"the rasterio peer ({python} {script}) exited {cost.ExitCode}:\n{cost.Output}");
        }

        List<PeerRowCost> costs = [];
        foreach (var line in cost.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var figures = JsonNode.Parse(line)!;
            costs.Add(new PeerRowCost((double)figures["seconds"]!, (double)figures["cpu_seconds"]!));
        }

        return costs.Count == rows.Count
            ? (costs, cost)
            : throw new InvalidOperationException($"the rasterio peer reported {costs.Count} of {rows.Count} rows:\n{cost.Output}");
    }

    /// <summary>
    /// The item <paramref name="itemId"/> as a search answer for the row's AOI (ids + bbox), so its asset hrefs carry the
    /// alias of this row's own search.
    /// </summary>
    private static async Task<JsonNode> SearchOneAsync(HttpClient http, Uri stacRoot, string collection, string itemId, IndexRow row)
    {
        var (zone, north) = (row.Epsg % 100, row.Epsg / 100 == 326);
        var (west, south) = Utm.Inverse(row.MinX, row.MinY, zone, north);
        var (east, northEdge) = Utm.Inverse(row.MaxX, row.MaxY, zone, north);
        var body = new JsonObject
        {
            ["collections"] = new JsonArray(collection),
            ["ids"] = new JsonArray(itemId),
            ["bbox"] = new JsonArray(west, south, east, northEdge),
            ["limit"] = 1,
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"{stacRoot.AbsoluteUri.TrimEnd('/')}/search"), content);
        response.EnsureSuccessStatusCode();
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((JsonArray)page["features"]!).SingleOrDefault()
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the search for {collection} item {itemId} over row {row.RowId}'s AOI found nothing"));
    }
}
