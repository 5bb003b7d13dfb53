using System.Text.Json.Nodes;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Pipeline.Quicklooks;

namespace Axion.TileBuilder.Cli.Tests.Reporting;

/// <summary>
/// A finished two-row batch written with the real journal, tile and quicklook writers: <c>delta-1</c>
/// done (1 tile, 2.25 MB, a quicklook), <see cref="OddId"/> failed with an HTML-looking message.
/// </summary>
internal static class ReportBatch
{
    public const string OddId = "x<y>&z";
    public const string DoneId = "delta-1";

    public static void Create(string outDir)
    {
        using var journal = BatchJournal.Open(outDir, create: true);
        journal.StartRun(new RunInfo("""{"csv":"c.csv","tiles_x":1,"tiles_y":1}""", "c.csv", new string('0', 64), "0.1.0-test", DateTimeOffset.UnixEpoch.AddYears(55), "demo"));
        journal.AddRows([JournalRowSeed.Pending(DoneId, 2, "{}"), JournalRowSeed.Pending(OddId, 3, "{}")]);

        const int size = 64;
        using (var npz = NpzWriter.Create(Path.Combine(outDir, "tile_delta-1_0_0.npz"), compressed: true))
        {
            foreach (var (key, value) in new[] { ("s1_vv", -9f), ("s1_vh", -16f), ("s2_b2", 0.04f), ("s2_b3", 0.07f), ("s2_b4", 0.06f), ("s2_b8", 0.35f) })
            {
                var data = new float[size * size];
                Array.Fill(data, value);
                npz.Add(key, data, size, size);
            }

            npz.AddString("meta", "{}");
            npz.Commit();
        }

        QuicklookRenderer.Render(Quicklook(size), QuicklookFiles.PathFor(outDir, DoneId));
        journal.MarkRunning(DoneId);
        journal.MarkDone(DoneId, new RowOutcome
        {
            TilesWritten = 1,
            Files = ["tile_delta-1_0_0.npz"],
            ItemsJson = new JsonObject
            {
                ["decisions"] = new JsonObject
                {
                    ["s2"] = new JsonObject { ["id"] = "S2A_TEST_ITEM", ["datetime"] = "2024-05-01T10:00:00Z", ["cloud_cover"] = 3.25 },
                    ["s1"] = new JsonObject { ["id"] = "S1A_TEST_ITEM", ["datetime"] = "2024-05-03T06:00:00Z", ["delta_days"] = 1.8333 },
                },
            }.ToJsonString(),
            BytesRead = 2_250_000,
            Requests = 9,
            Seconds = 4,
        });
        journal.MarkRunning(OddId);
        journal.MarkFailed(OddId, FailureKind.NoData, "no_s1_pair", "<img src=x onerror=alert(1)> no pair");
    }

    private static QuicklookInput Quicklook(int size)
    {
        var n = size * size;
        float[] Filled(float v)
        {
            var a = new float[n];
            Array.Fill(a, v);
            return a;
        }

        var scl = new byte[n];
        Array.Fill(scl, (byte)4);
        Array.Fill(scl, (byte)9, 0, n / 4);
        return new QuicklookInput
        {
            Width = size,
            Height = size,
            S2 = [Filled(0.04f), Filled(0.07f), Filled(0.06f), Filled(0.35f)],
            Scl = scl,
            S1Vv = Filled(-9f),
            S1Vh = Filled(-16f),
            TileSize = size,
            TilesX = 1,
            TilesY = 1,
            Tiles = [QuicklookTile.WrittenAt(0, 0)],
        };
    }
}
