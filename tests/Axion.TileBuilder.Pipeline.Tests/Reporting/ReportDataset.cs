using System.Text.Json.Nodes;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Tests.Quicklooks;

namespace Axion.TileBuilder.Pipeline.Tests.Reporting;

/// <summary>
/// A small finished batch made with the real journal, tile and quicklook writers: row <c>alpha</c>
/// done (2 tiles written, 2 rejected, 3.5 MB, with a quicklook), row <see cref="OddId"/> failed with
/// an HTML-looking message, row <c>gamma</c> pending.
/// </summary>
internal static class ReportDataset
{
    public const string OddId = "b&<x>\"q'";
    public const string OddMessage = "scene <script>alert(1)</script> & more";
    public const long AlphaBytes = 3_500_000;
    public const int TileSize = 256;

    /// <summary>Tile alpha_0_0: VV -10 dB, VH -20 dB, B02 0.05, B03 0.08, B04 0.1, B08 NaN in the first half then 0.3.</summary>
    public static readonly float[] Tile00 = [-10f, -20f, 0.05f, 0.08f, 0.1f, 0.3f];

    /// <summary>Tile alpha_0_1: VV 10 dB (above the -30..5 range), others as tile 0_0 but B08 0.3 everywhere.</summary>
    public static readonly float[] Tile01 = [10f, -20f, 0.05f, 0.08f, 0.1f, 0.3f];

    public static readonly string[] Keys = ["s1_vv", "s1_vh", "s2_b2", "s2_b3", "s2_b4", "s2_b8"];

    /// <summary>Writes the batch into <paramref name="outDir"/>.</summary>
    /// <param name="outDir">An empty folder.</param>
    /// <param name="quicklook">Whether alpha's quicklook is written.</param>
    /// <param name="extraKeys">More arrays in both tiles, each filled with its value (a build with <c>--bands</c>).</param>
    public static void Create(string outDir, bool quicklook = true, IReadOnlyList<(string Key, float Value)>? extraKeys = null)
    {
        using var journal = BatchJournal.Open(outDir, create: true);
        journal.StartRun(new RunInfo(
            """{"csv":"samples/report.csv","tiles_x":2,"tiles_y":2,"max_scene_cloud":30,"note":"<b>settings</b>"}""",
            "samples/report.csv",
            new string('a', 64),
            "0.1.0-test",
            new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero),
            "demo"));
        journal.AddRows(
        [
            JournalRowSeed.Pending("alpha", 2, "{}"),
            JournalRowSeed.Pending(OddId, 3, "{}"),
            JournalRowSeed.Pending("gamma", 4, "{}"),
        ]);

        WriteTile(outDir, "tile_alpha_0_0.npz", Tile00, halfNanB08: true, extraKeys);
        WriteTile(outDir, "tile_alpha_0_1.npz", Tile01, halfNanB08: false, extraKeys);
        if (quicklook)
        {
            QuicklookRenderer.Render(SyntheticRow.Create(), QuicklookFiles.PathFor(outDir, "alpha"));
        }

        journal.MarkRunning("alpha");
        journal.MarkDone("alpha", new RowOutcome
        {
            TilesWritten = 2,
            TilesRejected = 2,
            RejectedByReason = new Dictionary<string, int> { ["valid_fraction_below_min"] = 2 },
            Files = ["tile_alpha_0_0.npz", "tile_alpha_0_1.npz"],
            ItemsJson = Items().ToJsonString(),
            BytesRead = AlphaBytes,
            Requests = 42,
            Seconds = 12.5,
        });
        journal.MarkRunning(OddId);
        journal.MarkFailed(OddId, FailureKind.NoData, "no_clear_scene", OddMessage);
    }

    private static JsonObject Items() => new()
    {
        ["decisions"] = new JsonObject
        {
            ["row"] = "alpha",
            ["s2"] = new JsonObject
            {
                ["id"] = "S2B_MSIL2A_20240612T104619_R051_T31UDQ",
                ["datetime"] = "2024-06-12T10:46:19.0240000+00:00",
                ["cloud_cover"] = 12.5,
                ["aoi_clear_fraction"] = 0.97,
            },
            ["s1"] = new JsonObject
            {
                ["id"] = "S1A_IW_GRDH_1SDV_20240614T055013_rtc",
                ["datetime"] = "2024-06-14T05:50:25.5000000+00:00",
                ["delta_days"] = 1.7963,
            },
        },
        ["tiles"] = new JsonArray(),
    };

    /// <summary>A tile of the six <see cref="Keys"/> filled with <paramref name="values"/> (B08 half NaN when asked), and <paramref name="extraKeys"/>.</summary>
    internal static void WriteTile(string outDir, string name, float[] values, bool halfNanB08, IReadOnlyList<(string Key, float Value)>? extraKeys = null)
    {
        const int n = TileSize * TileSize;
        using var npz = NpzWriter.Create(Path.Combine(outDir, name), compressed: true);
        for (var b = 0; b < Keys.Length; b++)
        {
            var data = new float[n];
            Array.Fill(data, values[b]);
            if (b == 5 && halfNanB08)
            {
                Array.Fill(data, float.NaN, 0, n / 2);
            }

            npz.Add(Keys[b], data, TileSize, TileSize);
        }

        foreach (var (key, value) in extraKeys ?? [])
        {
            var data = new float[n];
            Array.Fill(data, value);
            npz.Add(key, data, TileSize, TileSize);
        }

        npz.AddString("meta", "{}");
        npz.Commit();
    }
}
