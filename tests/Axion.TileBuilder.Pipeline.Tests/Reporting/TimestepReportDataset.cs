using System.Text.Json.Nodes;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tests.Quicklooks;

namespace Axion.TileBuilder.Pipeline.Tests.Reporting;

/// <summary>
/// A finished batch of <c>--timesteps 3 --min-timesteps 1</c> written with the real journal, tile and quicklook writers,
/// its timesteps written by the row processor's own <see cref="TimestepDecisionsJson"/> (<c>decisions.timesteps[k]</c>):
/// <list type="bullet">
/// <item><c>north</c> done: t0 and t2 with tiles and quicklooks, t1 missing (<c>no_clear_scene</c>, an HTML-looking message);</item>
/// <item><c>south</c> done: t1 with a tile but no quicklook file, t0 missing (<c>no_s1_pair</c>), t2 missing (<c>no_clear_scene</c>);</item>
/// <item><c>east</c> failed as <c>too_few_timesteps</c>.</item>
/// </list>
/// </summary>
internal static class TimestepReportDataset
{
    public const string OddMessage = "no scene <b>clear</b> & enough";

    public static readonly string[] Windows = ["2024-01-01..2024-04-30", "2024-05-01..2024-08-31", "2024-09-01..2024-12-31"];

    public static void Create(string outDir)
    {
        var settings = new RunSettings { CsvPath = "rows.csv", Profile = BuiltInProfiles.Demo, TilesX = 1, TilesY = 1 }.WithTimesteps(3, 1);
        using var journal = BatchJournal.Open(outDir, create: true);
        journal.StartRun(new RunInfo(settings.ToJson(), "rows.csv", new string('b', 64), "0.1.0-test", new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), "demo"));
        journal.AddRows([JournalRowSeed.Pending("north", 2, "{}"), JournalRowSeed.Pending("south", 3, "{}"), JournalRowSeed.Pending("east", 4, "{}")]);

        ReportDataset.WriteTile(outDir, "tile_north_0_0_t0.npz", ReportDataset.Tile01, halfNanB08: false);
        ReportDataset.WriteTile(outDir, "tile_north_0_0_t2.npz", ReportDataset.Tile01, halfNanB08: false);
        ReportDataset.WriteTile(outDir, "tile_south_0_0_t1.npz", ReportDataset.Tile01, halfNanB08: false);
        QuicklookRenderer.Render(SyntheticRow.Create(), QuicklookFiles.PathFor(outDir, "north", 0));
        QuicklookRenderer.Render(SyntheticRow.Create(), QuicklookFiles.PathFor(outDir, "north", 2));

        Done(journal, "north", ["tile_north_0_0_t0.npz", "tile_north_0_0_t2.npz"],
        [
            Scene(0, "S2A_NORTH_T0", "2024-01-10T10:00:00Z", 5.5, 1),
            Missing(1, "no_clear_scene", OddMessage),
            Scene(2, "S2B_NORTH_T2", "2024-10-03T10:30:00Z", 0.4, 1),
        ]);
        Done(journal, "south", ["tile_south_0_0_t1.npz"],
        [
            Missing(0, "no_s1_pair", "no Sentinel-1 item within 12 days"),
            Scene(1, "S2A_SOUTH_T1", "2024-06-20T10:00:00Z", 12, 1),
            Missing(2, "no_clear_scene", "every candidate is cloudy"),
        ]);
        journal.MarkRunning("east");
        journal.MarkFailed("east", FailureKind.NoData, "too_few_timesteps", "0 of 3 timesteps have tiles, 1 needed (--min-timesteps)");
    }

    private static void Done(BatchJournal journal, string id, string[] files, JsonObject[] steps)
    {
        journal.MarkRunning(id);
        journal.MarkDone(id, new RowOutcome
        {
            TilesWritten = files.Length,
            Files = files,
            ItemsJson = new JsonObject
            {
                ["decisions"] = new JsonObject
                {
                    ["row"] = id,
                    ["window"] = "2024-01-01..2024-12-31",
                    ["timesteps"] = new JsonArray(steps),
                    ["timesteps_done"] = files.Length,
                    ["tiles_written"] = files.Length,
                    ["tiles_rejected"] = 0,
                    ["bytes_read"] = 1_000_000,
                    ["requests"] = 10,
                },
                ["tiles"] = new JsonArray(),
            }.ToJsonString(),
            BytesRead = 1_000_000,
            Requests = 10,
            Seconds = 2,
        });
    }

    private static JsonObject Scene(int k, string s2Id, string s2Time, double cloud, int tiles) => TimestepDecisionsJson.Entry(k, Windows[k], new JsonObject
    {
        ["s2"] = new JsonObject { ["id"] = s2Id, ["datetime"] = s2Time, ["cloud_cover"] = cloud, ["aoi_clear_fraction"] = 0.95 },
        ["s1"] = new JsonObject { ["id"] = "S1_" + s2Id, ["datetime"] = s2Time, ["delta_days"] = 0.5 },
        ["tiles_written"] = tiles,
        ["tiles_rejected"] = 0,
    });

    private static JsonObject Missing(int k, string reason, string message) => TimestepDecisionsJson.Entry(k, Windows[k], null, reason, message);
}
