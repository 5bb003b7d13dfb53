using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Bands;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Cli.Tests.TimeSeries;

/// <summary>
/// <c>build --bands B02,B03,B04,B08,B05,B11,B12 --timesteps 4</c> over 2023 against the local catalog's year of scenes (issue
/// 16): every timestep holds the scene the rule picks in its part, every pixel of it is the truth of that date (the world's
/// pixels differ by date), a part without a clear scene is recorded with its reason, and <c>--min-timesteps</c> decides the row.
/// </summary>
[Collection(TimeSeriesCollection.Name)]
public sealed class TimeSeriesBuildTests(TimeSeriesBatchFixture batch)
{
    /// <summary>Float rounding of a bilinear DN and of the reflectance: far below one DN (1e-4).</summary>
    private const double BilinearTolerance = 1e-6;

    private static readonly IReadOnlyList<DateWindow> Parts = new DateWindow(TimeSeriesBatchFixture.Year.Start, TimeSeriesBatchFixture.Year.End).Split(4, "test");

    public static TheoryData<string> Flavours => new() { "pc", "es" };

    [Fact]
    public void Each_timestep_holds_the_clear_scene_of_its_part_and_every_pixel_is_the_truth_of_that_date()
    {
        var build = batch.Pc;
        Assert.True(build.Result.ExitCode == ExitCodes.FinishedWithFailures, build.Result.ToString()); // the short row fails
        var seasons = TilesOf(build, TimeSeriesBatchFixture.SeasonsRow);
        Assert.Equal(4 * 4, seasons.Count); // 2 x 2 tiles in each of the four seasons
        foreach (var file in seasons)
        {
            var meta = Meta(file);
            var k = meta.GetProperty("timestep").GetInt32();
            Assert.EndsWith($"_t{k}.npz", file, StringComparison.Ordinal);
            Assert.Equal(4, meta.GetProperty("timesteps").GetInt32());
            Assert.Equal(Parts[k].Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), meta.GetProperty("timestep_start").GetString());
            Assert.Equal(Parts[k].End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), meta.GetProperty("timestep_end").GetString());
            Assert.Equal(ClearSceneOf(TimeSeriesBatchFixture.SeasonsRow, k).Id, meta.GetProperty("s2_item").GetString());

            // Sentinel-2 (four 10 m bands, SCL mask), Sentinel-1 VV and VH: each pixel the truth of the scenes the meta names.
            GroundTruthTile.AssertMatches(file, batch.World);
        }

        // The truth of one date is not that of another: the tiles of one place differ from season to season.
        var firstPixels = seasons.Where(f => f.Contains("_0_0_t", StringComparison.Ordinal)).Select(f => Band(f, "s2_b8")).ToList();
        Assert.Equal(4, firstPixels.Count);
        Assert.Equal(4, firstPixels.Select(b => b.First(float.IsFinite)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Every_pixel_of_every_band_of_every_timestep_is_the_truth_of_its_date(string flavour)
    {
        var build = flavour == "es" ? batch.Es : batch.Pc;
        Assert.True(build.Result.ExitCode == ExitCodes.FinishedWithFailures, build.Result.ToString());
        var files = TilesOf(build, TimeSeriesBatchFixture.SeasonsRow);
        Assert.Equal(16, files.Count);
        foreach (var file in files)
        {
            using var tile = new BandTile(file, batch.World);
            Assert.Equal(ClearSceneOf(TimeSeriesBatchFixture.SeasonsRow, tile.Meta.GetProperty("timestep").GetInt32()).Id, tile.Scene.Id);
            Assert.Equal(flavour == "es" ? "sentinel-2-c1-l2a" : "sentinel-2-l2a", tile.Meta.GetProperty("s2_collection").GetString());
            foreach (var (key, band) in new[] { ("s2_b2", S2Band.B02), ("s2_b3", S2Band.B03), ("s2_b4", S2Band.B04), ("s2_b8", S2Band.B08) })
            {
                tile.AssertNearest(key, band);
            }

            foreach (var (key, band) in new[] { ("s2_b5", S2Band.B05), ("s2_b11", S2Band.B11), ("s2_b12", S2Band.B12) })
            {
                tile.AssertBilinear(key, band, BilinearTolerance);
            }
        }
    }

    [Fact]
    public void A_part_without_a_clear_scene_is_recorded_with_its_reason_and_the_row_keeps_the_others()
    {
        var build = batch.Pc;
        var gap = TilesOf(build, TimeSeriesBatchFixture.GapRow);
        Assert.Equal(3 * 4, gap.Count);
        Assert.DoesNotContain(gap, f => f.EndsWith("_t2.npz", StringComparison.Ordinal));
        Assert.Equal(
            ["gap_t0.png", "gap_t1.png", "gap_t3.png", "seasons_t0.png", "seasons_t1.png", "seasons_t2.png", "seasons_t3.png"],
            Directory.GetFiles(Path.Combine(build.OutDir, "quicklooks")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        using var journal = BatchJournal.Open(build.OutDir, create: false);
        var row = journal.Get(TimeSeriesBatchFixture.GapRow)!;
        Assert.Equal(RowState.Done, row.State);
        using var items = JsonDocument.Parse(row.Outcome!.ItemsJson);
        var decisions = items.RootElement.GetProperty("decisions");
        Assert.Equal("2023-01-01..2023-12-31", decisions.GetProperty("window").GetString());
        Assert.Equal(3, decisions.GetProperty("timesteps_done").GetInt32());
        var parts = decisions.GetProperty("timesteps").EnumerateArray().ToList();
        Assert.Equal(["done", "done", "missing", "done"], parts.Select(p => p.GetProperty("state").GetString()));
        Assert.Equal(Parts.Select(p => p.ToString()), parts.Select(p => p.GetProperty("window").GetString()));
        var missing = parts[2];
        Assert.Equal("no_clear_scene", missing.GetProperty("reason").GetString());
        Assert.Contains("2023-07-02..2023-09-30", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(ClearSceneOf(TimeSeriesBatchFixture.GapRow, 3).Id, parts[3].GetProperty("s2").GetProperty("id").GetString());

        // The index has one line per tile and timestep.
        var index = TileIndexReader.ReadCsv(Path.Combine(build.OutDir, "index.csv")).Where(e => e.RowId == TimeSeriesBatchFixture.GapRow).ToList();
        Assert.Equal(gap.Select(Path.GetFileName).Order(StringComparer.Ordinal), index.Select(e => e.File).Order(StringComparer.Ordinal));
        Assert.All(index, e => Assert.Equal((Parts[e.Timestep!.Value].Start, Parts[e.Timestep.Value].End), (e.TimestepStart!.Value, e.TimestepEnd!.Value)));
        Assert.Equal([0, 1, 3], index.Select(e => e.Timestep!.Value).Distinct().Order());
    }

    [Fact]
    public void With_every_timestep_required_a_row_with_a_missing_part_fails_as_too_few_timesteps_and_leaves_no_file()
    {
        var build = batch.AllRequired;
        Assert.True(build.Result.ExitCode == ExitCodes.FinishedWithFailures, build.Result.ToString());
        Assert.Equal(16, TilesOf(build, TimeSeriesBatchFixture.SeasonsRow).Count);
        Assert.Empty(Directory.GetFiles(build.OutDir, "tile_gap_*", SearchOption.AllDirectories));

        using var journal = BatchJournal.Open(build.OutDir, create: false);
        var gap = journal.Get(TimeSeriesBatchFixture.GapRow)!;
        Assert.Equal(RowState.Failed, gap.State);
        Assert.Equal("too_few_timesteps", gap.Reason);
        Assert.Contains("3 of 4 timesteps have a clear scene and tiles, 4 needed", gap.Message, StringComparison.Ordinal);
        Assert.Contains("t2 2023-07-02..2023-09-30: no_clear_scene", gap.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(build.OutDir, "gap*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_window_shorter_than_the_timesteps_fails_its_row_as_bad_input_naming_it()
    {
        using var journal = BatchJournal.Open(batch.Pc.OutDir, create: false);
        var row = journal.Get(TimeSeriesBatchFixture.ShortRow)!;
        Assert.Equal(RowState.Failed, row.State);
        Assert.Equal(Errors.FailureKind.BadInput, row.FailureKind);
        Assert.Contains("date window 2023-06-01..2023-06-02 has 2 day(s), fewer than the 4 timesteps", row.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_passes_on_a_time_series_dataset()
    {
        var result = await CliHarness.RunAsync("validate", batch.Pc.OutDir);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Plan_shows_each_timesteps_choice_and_the_cost_by_resolution_and_the_build_reads_about_that()
    {
        Assert.True(batch.Plan.ExitCode == ExitCodes.FinishedWithFailures || batch.Plan.ExitCode == 0, batch.Plan.ToString());
        using var doc = JsonDocument.Parse(batch.Plan.Stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        var seasons = rows[TimeSeriesBatchFixture.SeasonsRow];
        Assert.Equal("planned", seasons.GetProperty("status").GetString());
        var parts = seasons.GetProperty("timesteps").EnumerateArray().ToList();
        Assert.Equal(4, parts.Count);
        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(k, parts[k].GetProperty("timestep").GetInt32());
            Assert.Equal(ClearSceneOf(TimeSeriesBatchFixture.SeasonsRow, k).Id, parts[k].GetProperty("s2_id").GetString());
            Assert.Equal(k, parts[k].GetProperty("plan").GetProperty("timestep").GetInt32());

            // Each part's lowest-cloud scene is overcast and rejected, yet nothing was read ahead: timesteps do not read ahead.
            Assert.Contains(parts[k].GetProperty("plan").GetProperty("s2_candidates").EnumerateArray(), c => c.GetProperty("verdict").GetString() == "rejected");
            Assert.Equal(0, parts[k].GetProperty("read_ahead_waste_bytes").GetInt64());
        }

        var byResolution = seasons.GetProperty("estimated_bytes_by_resolution").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(["s2_10m", "s2_20m", "s1"], byResolution.Keys);
        Assert.Equal(seasons.GetProperty("estimated_bytes").GetInt64(), byResolution.Values.Sum());
        Assert.Equal(parts.Sum(p => p.GetProperty("estimated_bytes").GetInt64()), seasons.GetProperty("estimated_bytes").GetInt64());

        var gapParts = rows[TimeSeriesBatchFixture.GapRow].GetProperty("timesteps").EnumerateArray().ToList();
        Assert.Equal(["planned", "planned", "missing", "planned"], gapParts.Select(p => p.GetProperty("status").GetString()));
        Assert.Equal("no_clear_scene", gapParts[2].GetProperty("reason").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("missing_timesteps_by_reason").GetProperty("no_clear_scene").GetInt32());
        Assert.Equal("failed", rows[TimeSeriesBatchFixture.ShortRow].GetProperty("status").GetString());

        // The plan's bytes are what the build of the row read, within 10 %.
        using var journal = BatchJournal.Open(batch.Pc.OutDir, create: false);
        var built = journal.Get(TimeSeriesBatchFixture.SeasonsRow)!.Outcome!.BytesRead;
        var planned = seasons.GetProperty("build_bytes").GetInt64();
        Assert.True(Math.Abs((double)planned - built) / built <= 0.10, string.Create(CultureInfo.InvariantCulture, $"plan {planned} vs build {built} bytes"));
    }

    /// <summary>The scene the rule picks in part <paramref name="k"/> of the year: the world's clear scene of that quarter.</summary>
    private SyntheticScene ClearSceneOf(string rowId, int k) => batch.World.Scenes.Single(s =>
        s.Kind == SceneKind.Sentinel2L2A && s.LocationId == rowId && s.PlanRole == ScenePlanRole.AoiClear && Parts[k].Contains(s.Datetime));

    private static List<string> TilesOf(BandsBuild build, string rowId) =>
        [.. Directory.GetFiles(build.OutDir, $"tile_{rowId}_*.npz").Order(StringComparer.Ordinal)];

    private static JsonElement Meta(string file)
    {
        using var npz = Output.Npz.NpzReader.Open(file);
        using var doc = JsonDocument.Parse(npz.Get("meta").AsString());
        return doc.RootElement.Clone();
    }

    private static float[] Band(string file, string key)
    {
        using var npz = Output.Npz.NpzReader.Open(file);
        return npz.Get(key).AsFloat32();
    }
}
