using System.Globalization;
using System.Text.Json.Nodes;

namespace Axion.TileBuilder.Bench;

/// <summary>
/// The peer: what a careful script does with GDAL's own tool. For each row, the seven assets the build chose
/// (B02, B03, B04, B08, SCL of the Sentinel-2 item; vv, vh of the Sentinel-1 item) are cut to the row's AOI with
/// <c>gdal_translate -projwin</c> over <c>/vsicurl/</c>, one process per asset, one after another, with the usual
/// cloud settings (no directory listing, only .tif/.tiff treated as files).
/// </summary>
internal static class GdalTranslatePeer
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["GDAL_DISABLE_READDIR_ON_OPEN"] = "EMPTY_DIR",
        ["CPL_VSIL_CURL_ALLOWED_EXTENSIONS"] = ".tif,.tiff",
    };

    /// <summary>Runs the peer on one row of a finished batch's index; returns its wall seconds (item and token requests included) and the CPU seconds of its <c>gdal_translate</c> processes.</summary>
    public static async Task<PeerRowCost> RunRowAsync(HttpClient http, Uri stacRoot, Uri tokenUrl, IndexRow row, string scratch)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var cpu = 0.0;
        foreach (var (collection, asset) in PeerAssets.All)
        {
            var itemId = PeerAssets.ItemOf(row, collection);
            var item = JsonNode.Parse(await http.GetStringAsync(new Uri($"{stacRoot.AbsoluteUri.TrimEnd('/')}/collections/{collection}/items/{itemId}")))!;
            if (!tokens.TryGetValue(collection, out var token))
            {
                token = (string)JsonNode.Parse(await http.GetStringAsync(new Uri($"{tokenUrl.AbsoluteUri.TrimEnd('/')}/{collection}")))!["token"]!;
                tokens[collection] = token;
            }

            var href = (string)item["assets"]![asset]!["href"]!;
            var output = Path.Combine(scratch, $"{row.RowId}_{asset}.tif");
            var cost = ChildRun.Run(
                "gdal_translate",
                [
                    "-q", "-projwin",
                    F(row.MinX), F(row.MaxY), F(row.MaxX), F(row.MinY),
                    "-projwin_srs", "EPSG:" + row.Epsg.ToString(CultureInfo.InvariantCulture),
                    "/vsicurl/" + href + "?" + token, output,
                ],
                Environment);
            if (cost.ExitCode != 0)
            {
                throw new InvalidOperationException($"gdal_translate failed for {row.RowId} {asset}: {cost.Output}");
            }

            cpu += cost.CpuSeconds;
        }

        return new PeerRowCost(started.Elapsed.TotalSeconds, cpu);
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
