using System.Globalization;
using System.Text.Json.Nodes;

namespace Axion.TileBuilder.Bench;

/// <summary>
/// The peer: what a careful script does with GDAL's own tool. For each row, the seven assets the build chose
/// (B02, B03, B04, B08, SCL of the Sentinel-2 item; vv, vh of the Sentinel-1 item) are cut to the row's AOI with
/// <c>gdal_translate -projwin</c> over <c>/vsicurl/</c>, one process per asset, one after another, with the usual
/// cloud settings (no directory listing, only .tif/.tiff treated as files).
/// </summary>
internal static class PeerRun
{
    private static readonly (string Collection, string Asset)[] Assets =
    [
        ("sentinel-2-l2a", "B02"), ("sentinel-2-l2a", "B03"), ("sentinel-2-l2a", "B04"), ("sentinel-2-l2a", "B08"), ("sentinel-2-l2a", "SCL"),
        ("sentinel-1-rtc", "vv"), ("sentinel-1-rtc", "vh"),
    ];

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["GDAL_DISABLE_READDIR_ON_OPEN"] = "EMPTY_DIR",
        ["CPL_VSIL_CURL_ALLOWED_EXTENSIONS"] = ".tif,.tiff",
    };

    /// <summary>Runs the peer on one row of a finished batch's index; returns its wall seconds.</summary>
    public static async Task<double> RunRowAsync(HttpClient http, Uri stacRoot, Uri tokenUrl, IndexRow row, string scratch)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (collection, asset) in Assets)
        {
            var itemId = collection.StartsWith("sentinel-2", StringComparison.Ordinal) ? row.S2Item : row.S1Item;
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
        }

        return started.Elapsed.TotalSeconds;
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
