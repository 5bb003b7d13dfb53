using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// Issue 15, a shorter row: a build reads the band windows of the best Sentinel-2 scene while that scene's SCL is checked,
/// when its scene cloud is low (<c>Planning.ReadAhead</c>, at most 10 %). Each sample location's lowest-cloud scene
/// (6.6-8.7 %) is overcast over the AOI itself, so there the windows read ahead are wasted; the shifted copies of the
/// fixture's CSV lie outside that cloud, so there the scene read ahead is the one chosen.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ReadAheadTests(ReliabilityFixture fixture)
{
    /// <summary>How long an SCL answer waits for a band window request before it is sent anyway (and the test fails).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_best_scenes_band_windows_are_asked_for_before_its_scl_is_answered_and_their_bytes_count_when_it_is_rejected()
    {
        var row = fixture.SampleRows[0];
        var best = fixture.World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A && s.LocationId == row.Id).MinBy(s => s.CloudCover)!;
        Assert.Equal(ScenePlanRole.AoiOvercast, best.PlanRole);
        var bestDate = best.Datetime.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var bandRequests = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var gate = new AnswerGate(
            held: path => path.EndsWith("_SCL_20m.tif", StringComparison.Ordinal),
            // After the HEAD and the header GET of a band file of the best scene: its window.
            awaited: path => path.Contains(bestDate, StringComparison.Ordinal) && path.EndsWith("_10m.tif", StringComparison.Ordinal)
                && bandRequests.AddOrUpdate(path, 1, (_, n) => n + 1) >= 3,
            Patience);
        await using var server = await LocalCatalogServer.StartAsync(fixture.World, new LocalCatalogOptions { RequestLogSize = 10_000, BeforeAnswer = gate.BeforeAnswer });

        var dir = fixture.NewDir("rel-read-ahead");
        var csv = await ReliabilityFixture.OneRowCsvAsync(dir, row);
        var outDir = Path.Combine(dir, "out");

        var result = await CliHarness.RunAsync([.. fixture.BuildArgs(csv, outDir, server, workers: 1)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(gate.ReleasedByPatience == 0, $"{gate.ReleasedByPatience} SCL request(s) waited {Patience.TotalSeconds} s for a band window of the best scene");
        Assert.True(gate.ReleasedByArrival > 0, "no SCL file was asked for");
        TileSnapshot.AssertEqual(TileSnapshot.OfRows(fixture.Reference, [row.Id]), TileSnapshot.Read(outDir));

        // The best scene was rejected (overcast over the AOI) after its windows were read: every byte the server sent,
        // the wasted windows included, is on the row's cost.
        var stats = server.Stats.Snapshot();
        var wasted = stats.Recent.Where(e => e.Category == RequestCategory.Asset && e.Path.Contains(bestDate, StringComparison.Ordinal) && e.Path.EndsWith("_10m.tif", StringComparison.Ordinal)).Sum(e => e.BytesSent);
        Assert.True(wasted > 4 * 65_536, $"the best scene's four band files sent {wasted} bytes: no more than their headers, so no window was read ahead");
        using var journal = BatchJournal.Open(outDir, create: false);
        var done = Assert.Single(journal.List(RowState.Done));
        Assert.NotEqual(best.Id, JsonDocument.Parse(done.Outcome!.ItemsJson).RootElement.GetProperty("decisions").GetProperty("s2").GetProperty("id").GetString());
        var sent = stats.Category(RequestCategory.Asset).BytesSent;
        Assert.InRange(done.Outcome.BytesRead, sent * 0.99, sent); // the server also counts the tails of answers a reader cut short
    }

    [Fact]
    public async Task The_sentinel1_windows_are_asked_for_while_the_chosen_scenes_windows_read_ahead_are_unanswered()
    {
        // With only "no data" masked, the best scene passes its SCL check and is chosen with the windows read ahead. The
        // plan hands them on unfinished: the Sentinel-1 windows must be asked for before any of them is answered (a plan
        // that waits for the windows leaves them waiting the whole patience).
        var row = fixture.SampleRows[0];
        var best = fixture.World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A && s.LocationId == row.Id).MinBy(s => s.CloudCover)!;
        var bestDate = best.Datetime.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var requests = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var nth = (string path) => requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        var gate = new AnswerGate(
            // After the HEAD and the header of a band file of the best scene: its window.
            held: path => path.Contains(bestDate, StringComparison.Ordinal) && path.EndsWith("_10m.tif", StringComparison.Ordinal) && nth(path) >= 3,
            // After the HEAD and the header of a Sentinel-1 file, probed while the SCL was checked: its window.
            awaited: path => path.Contains("/measurement/iw-v", StringComparison.Ordinal) && nth(path) >= 3,
            Patience);
        await using var server = await LocalCatalogServer.StartAsync(fixture.World, new LocalCatalogOptions { BeforeAnswer = gate.BeforeAnswer });
        var dir = fixture.NewDir("rel-read-ahead-s1");
        var csv = await ReliabilityFixture.OneRowCsvAsync(dir, row);
        var outDir = Path.Combine(dir, "out");

        var result = await CliHarness.RunAsync([.. fixture.BuildArgs(csv, outDir, server, workers: 1), "--invalid-scl", "0"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(gate.ReleasedByPatience == 0, $"{gate.ReleasedByPatience} band window(s) waited {Patience.TotalSeconds} s for a Sentinel-1 window request");
        Assert.True(gate.ReleasedByArrival > 0, "no band window of the best scene was asked for");
        using var journal = BatchJournal.Open(outDir, create: false);
        var done = Assert.Single(journal.List(RowState.Done));
        Assert.Equal(best.Id, JsonDocument.Parse(done.Outcome!.ItemsJson).RootElement.GetProperty("decisions").GetProperty("s2").GetProperty("id").GetString());
        Assert.All(done.Outcome.Files.Where(f => f.EndsWith(".npz", StringComparison.Ordinal)), f => GroundTruthTile.AssertMatches(Path.Combine(outDir, f), fixture.World, invalidScl: [0]));
    }

    [Fact]
    public async Task Rows_built_from_the_scene_read_ahead_match_the_ground_truth_pixel_for_pixel()
    {
        // With only "no data" masked, each sample location's lowest-cloud scene passes the SCL check over its own cloud:
        // it is read ahead and chosen, and every pixel, cloud included, carries the truth of that scene.
        var outDir = Path.Combine(fixture.NewDir("rel-read-ahead-truth"), "out");
        var result = await CliHarness.RunAsync([.. fixture.BuildArgs(TestPaths.SampleCsv, outDir, fixture.CleanServer, workers: 3), "--invalid-scl", "0"]);
        Assert.True(result.ExitCode == 0, result.ToString());

        using var journal = BatchJournal.Open(outDir, create: false);
        var rows = journal.List(RowState.Done);
        Assert.Equal(fixture.SampleRows.Count, rows.Count);
        foreach (var row in rows)
        {
            var lowest = fixture.World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A && s.LocationId == row.RowId).MinBy(s => s.CloudCover)!;
            Assert.InRange(lowest.CloudCover, 0, 10);
            var chosen = JsonDocument.Parse(row.Outcome!.ItemsJson).RootElement.GetProperty("decisions").GetProperty("s2").GetProperty("id").GetString();
            Assert.Equal(lowest.Id, chosen);
            var tiles = row.Outcome.Files.Where(f => f.EndsWith(".npz", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(tiles);
            Assert.All(tiles, f => GroundTruthTile.AssertMatches(Path.Combine(outDir, f), fixture.World, invalidScl: [0]));
        }
    }
}
