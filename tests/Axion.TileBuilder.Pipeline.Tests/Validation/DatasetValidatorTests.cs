using System.Text.Json;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Pipeline.Merging;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Pipeline.Validation;

namespace Axion.TileBuilder.Pipeline.Tests.Validation;

public sealed class DatasetValidatorTests
{
    private static readonly ValidationOptions Options = new() { MaxListed = 0, MaxParallelism = 2 };

    [Fact]
    public void Good_dataset_passes_with_journal_and_index_checked()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);

        var report = Validate(dir);

        Assert.True(report.Passed, Describe(report));
        Assert.Equal(4, report.FilesChecked);
        Assert.Equal(4, report.FilesOk);
        Assert.Equal(0, report.FilesWithViolations);
        Assert.Equal(0, report.WarningCount);
        Assert.True(report.JournalChecked);
        Assert.True(report.IndexChecked);
        Assert.False(report.BatchRunning);

        // Worst first: the last tile has the most masked rows (2 + 3*3 = 11 of 256).
        Assert.Equal(tiles[3].FileName, report.LowestFiniteFraction[0].File);
        Assert.Equal(245.0 / 256, report.LowestFiniteFraction[0].FiniteFraction, 9);
        Assert.Equal(tiles.Select(t => t.FileName).Reverse(), report.LowestFiniteFraction.Select(q => q.File));

        // Validation reads the journal without leaving anything behind or keeping the folder locked.
        Assert.Equal(
            [".axion.lock", "index.csv", "index.geojson", "index.parquet", "journal.db", .. tiles.Select(t => t.FileName).Order(StringComparer.Ordinal)],
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var journal = BatchJournal.Open(dir.Path, create: false);
        Assert.Equal(2, journal.List(RowState.Done).Count);
    }

    [Fact]
    public void Merged_dataset_of_three_shard_journals_is_cross_checked_with_all_of_them()
    {
        using var dir = new DatasetDirectory();
        ShardedDataset.Create(dir.Path, complete: true);
        DatasetMerger.Merge(dir.Path, CancellationToken.None);

        var clean = Validate(dir);

        Assert.True(clean.Passed, Describe(clean));
        Assert.True(clean.JournalChecked);
        Assert.True(clean.IndexChecked);
        Assert.Equal(8, clean.FilesChecked);
        Assert.Equal(0, clean.WarningCount);

        // A tile of shard 2 goes missing, a tile no shard lists appears.
        File.Delete(dir.File("tile_golf_0_0.npz"));
        TileContent.Realistic("stray", 0, 0, 2).Write(dir.Path);

        var broken = Validate(dir);

        Assert.Equal(
            [("tile_golf_0_0.npz", ValidationChecks.IndexMissing), ("tile_golf_0_0.npz", ValidationChecks.Missing), ("tile_stray_0_0.npz", ValidationChecks.Extra), ("tile_stray_0_0.npz", ValidationChecks.NotInIndex)],
            broken.Violations.Select(v => (v.File, v.Check)));
        Assert.Contains("done row 'golf'", broken.Violations[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_unreadable_and_named()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);
        var victim = dir.File(tiles[1].FileName);
        var bytes = File.ReadAllBytes(victim);
        File.WriteAllBytes(victim, bytes[..(bytes.Length / 2)]);

        var report = Validate(dir);

        Assert.False(report.Passed);
        var issue = Assert.Single(report.Violations);
        Assert.Equal((tiles[1].FileName, ValidationChecks.Unreadable), (issue.File, issue.Check));
        Assert.Contains(tiles[1].FileName, issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, report.FilesWithViolations);
        Assert.Equal(3, report.FilesOk);
    }

    [Theory]
    [InlineData(true, 32)]
    [InlineData(false, 32)]
    [InlineData(false, 1)]
    public void Flipped_bytes_in_the_middle_fail_the_crc_check(bool compressed, int flipped)
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        var path = tile.Write(dir.Path, compressed: compressed);
        var bytes = File.ReadAllBytes(path);
        var middle = bytes.Length / 2;
        for (var i = middle; i < middle + flipped; i++)
        {
            bytes[i] ^= 0x01; // the lowest mantissa bit: the values stay plausible
        }

        File.WriteAllBytes(path, bytes);

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal((tile.FileName, ValidationChecks.Unreadable), (issue.File, issue.Check));
        Assert.Contains(tile.FileName, issue.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int16_band_is_a_dtype_violation()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        tile.Bands.Remove("s2_b4");
        tile.Int16Bands["s2_b4"] = Enumerable.Repeat((short)812, TileContent.Size * TileContent.Size).ToArray();
        tile.IncludeValid = false;
        tile.Write(dir.Path);

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal(ValidationChecks.Dtype, issue.Check);
        Assert.Contains("'s2_b4' has dtype '<i2', expected '<f4'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_band_is_a_violation()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        tile.Bands.Remove("s1_vh");
        tile.IncludeValid = false;
        tile.Write(dir.Path);

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal((tile.FileName, ValidationChecks.MissingKey), (issue.File, issue.Check));
        Assert.Contains("s1_vh", issue.Message, StringComparison.Ordinal);
        Assert.Empty(report.LowestFiniteFraction);
    }

    [Fact]
    public void Meta_that_is_not_json_is_a_violation()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        tile.RawMeta = "{\"row_id\": \"iowa-cropland\", \"tile_row\": 0,";
        tile.Write(dir.Path);

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal(ValidationChecks.Meta, issue.Check);
        Assert.StartsWith("meta is not valid JSON", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_with_bad_fields_lists_each_problem()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        tile.Meta["crs"] = "32615";
        tile.Meta["geotransform"] = new System.Text.Json.Nodes.JsonArray(1, 2, 3);
        tile.Meta.Remove("s1_item");
        tile.Write(dir.Path);

        var report = Validate(dir);

        Assert.All(report.Violations, v => Assert.Equal(ValidationChecks.Meta, v.Check));
        Assert.Equal(
            ["meta lacks 's1_item'", "meta.crs is '32615', expected 'EPSG:<code>'", "meta.geotransform must be an array of 6 finite numbers, got [1,2,3]"],
            report.Violations.Select(v => v.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void File_name_must_match_the_meta()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 1, 2);
        tile.Write(dir.Path, "tile_iowa-cropland_1_1.npz");

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal(("tile_iowa-cropland_1_1.npz", ValidationChecks.FileName), (issue.File, issue.Check));
        Assert.Contains("tile_iowa-cropland_0_1.npz", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_nan_band_is_a_violation_and_the_worst_tile()
    {
        using var dir = new DatasetDirectory();
        var good = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        var bad = TileContent.Realistic("iowa-cropland", 0, 1, 2);
        Array.Fill(bad.Bands["s1_vv"], float.NaN);
        good.Write(dir.Path);
        bad.Write(dir.Path);

        var report = Validate(dir);

        Assert.Equal(
            [(bad.FileName, ValidationChecks.AllNaN), (bad.FileName, ValidationChecks.ValidFraction)],
            report.Violations.Select(v => (v.File, v.Check)));
        Assert.Contains("'s1_vv'", report.Violations[0].Message, StringComparison.Ordinal);
        Assert.Equal(new TileQuality(bad.FileName, 0), report.LowestFiniteFraction[0]);
        Assert.Equal(1, report.FilesOk);
    }

    [Fact]
    public void Low_finite_fraction_fails_against_min_valid()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 64); // 192 of 256 rows finite = 0.75
        tile.Write(dir.Path);

        var strict = DatasetValidator.Validate(dir.Path, Options, CancellationToken.None);
        var lenient = DatasetValidator.Validate(dir.Path, Options with { MinValid = 0.7 }, CancellationToken.None);

        var issue = Assert.Single(strict.Violations);
        Assert.Equal(ValidationChecks.ValidFraction, issue.Check);
        Assert.Contains("only 0.75 of the pixels", issue.Message, StringComparison.Ordinal);
        Assert.True(lenient.Passed, Describe(lenient));
    }

    [Fact]
    public void Reflectance_of_5_is_out_of_range()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        tile.Bands["s2_b3"][TileContent.Size * 100] = 5.0f;
        tile.Write(dir.Path);

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal(ValidationChecks.Range, issue.Check);
        Assert.Contains("'s2_b3': 1 value(s) outside [-0.2, 2] reflectance", issue.Message, StringComparison.Ordinal);
        Assert.Contains("max 5", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backscatter_outside_minus_60_to_30_db_is_out_of_range()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        tile.Bands["s1_vh"][7] = -75f;
        tile.Write(dir.Path);

        var issue = Assert.Single(Validate(dir).Violations);
        Assert.Equal(ValidationChecks.Range, issue.Check);
        Assert.Contains("'s1_vh'", issue.Message, StringComparison.Ordinal);
        Assert.Contains("min -75", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bright_reflectance_and_unknown_keys_are_warnings_only()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        var b8 = tile.Bands["s2_b8"];
        for (var i = b8.Length - (TileContent.Size * 10); i < b8.Length; i++)
        {
            b8[i] = 1.5f; // 10 rows of 254 finite ones: 3.9 % above 1.2
        }

        tile.Write(dir.Path);
        using (var extra = Output.Npz.NpzWriter.Create(dir.File("other.npz"), compressed: false))
        {
            extra.Add("x", new float[] { 1, 2 }, 2);
            extra.Commit();
        }

        var report = Validate(dir);

        Assert.Equal(1, report.WarningsByCheck[ValidationChecks.BrightReflectance]);
        var bright = Assert.Single(report.Warnings, w => w.Check == ValidationChecks.BrightReflectance);
        Assert.Contains("'s2_b8': 3.9%", bright.Message, StringComparison.Ordinal);

        // The stray other.npz is checked too: no meta, no bands, unknown key 'x'.
        Assert.All(report.Violations, v => Assert.Equal("other.npz", v.File));
        Assert.Contains(report.Warnings, w => w is { File: "other.npz", Check: ValidationChecks.UnknownKey });
        Assert.Equal(6, report.ViolationsByCheck[ValidationChecks.MissingKey]);
        Assert.Equal(1, report.ViolationsByCheck[ValidationChecks.Meta]);
        Assert.Equal(1, report.ViolationsByCheck[ValidationChecks.FileName]);
        Assert.Equal((2, 1, 1), (report.FilesChecked, report.FilesOk, report.FilesWithViolations));
    }

    [Fact]
    public void Valid_mask_must_match_the_bands()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        tile.IncludeValid = false;
        var path = tile.Write(dir.Path);

        // Rewrite the same tile with a mask claiming every pixel valid.
        File.Delete(path);
        var ones = Enumerable.Repeat((byte)1, TileContent.Size * TileContent.Size).ToArray();
        using (var npz = Output.Npz.NpzWriter.Create(path, compressed: false))
        {
            foreach (var (key, band) in tile.Bands)
            {
                npz.Add(key, band, TileContent.Size, TileContent.Size);
            }

            npz.Add("valid", ones, TileContent.Size, TileContent.Size);
            npz.AddString("meta", tile.Meta.ToJsonString());
            npz.Commit();
        }

        var issue = Assert.Single(Validate(dir).Violations);
        Assert.Equal(ValidationChecks.ValidMask, issue.Check);
        Assert.Contains("at 512 pixel(s)", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_listed_by_the_journal_but_deleted_is_missing()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);
        File.Delete(dir.File(tiles[2].FileName));

        var report = Validate(dir);

        Assert.Equal(
            [(tiles[2].FileName, ValidationChecks.IndexMissing), (tiles[2].FileName, ValidationChecks.Missing)],
            report.Violations.Select(v => (v.File, v.Check)));
        Assert.Contains("done row 'sahel.edge'", report.Violations[1].Message, StringComparison.Ordinal);
        Assert.Equal((3, 3, 0), (report.FilesChecked, report.FilesOk, report.FilesWithViolations));
    }

    [Fact]
    public void Tile_not_in_journal_or_index_is_extra()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);
        var stray = TileContent.Realistic("iowa-cropland", 1, 0, 2);
        stray.Write(dir.Path);

        var report = Validate(dir);

        Assert.Equal(
            [(stray.FileName, ValidationChecks.Extra), (stray.FileName, ValidationChecks.NotInIndex)],
            report.Violations.Select(v => (v.File, v.Check)));
        Assert.Contains("orphaned", report.Violations[0].Message, StringComparison.Ordinal);
        Assert.Equal((5, 4, 1), (report.FilesChecked, report.FilesOk, report.FilesWithViolations));
    }

    [Fact]
    public void Interrupted_row_is_a_warning_and_its_partial_tile_is_extra()
    {
        using var dir = new DatasetDirectory();
        var done = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        var partial = TileContent.Realistic("sahel.edge", 0, 0, 2);
        done.Write(dir.Path);
        partial.Write(dir.Path);
        TestDataset.WriteJournal(dir.Path, [("iowa-cropland", [done.FileName])], ["sahel.edge"]);

        var report = Validate(dir);

        var extra = Assert.Single(report.Violations);
        Assert.Equal((partial.FileName, ValidationChecks.Extra), (extra.File, extra.Check));
        Assert.Contains("row 'sahel.edge', which is not done", extra.Message, StringComparison.Ordinal);
        Assert.Equal(
            [("index.csv", ValidationChecks.NoIndex), (BatchJournal.FileName, ValidationChecks.Interrupted)],
            report.Warnings.Select(w => (w.File, w.Check)));
        Assert.Contains("1 row(s) left running by an interrupted batch (sahel.edge): run 'axion-tiles resume'", report.Warnings[1].Message, StringComparison.Ordinal);
        Assert.False(report.IndexChecked);
    }

    [Fact]
    public void Orphaned_temporary_file_is_a_violation()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);
        var temp = "." + tiles[0].FileName + ".tmp-0a1b2c3d4e5f";
        File.WriteAllBytes(dir.File(temp), [0x50, 0x4B, 0x03]);

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal((temp, ValidationChecks.OrphanedTemp), (issue.File, issue.Check));
        Assert.Contains("resume", issue.Message, StringComparison.Ordinal);
        Assert.Equal(4, report.FilesOk);
    }

    [Fact]
    public void Orphaned_temporary_file_in_the_temp_folder_is_a_violation()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);
        var temp = AtomicRename.TempFolderName + "/." + tiles[0].FileName + ".tmp-0a1b2c3d4e5f";
        Directory.CreateDirectory(dir.File(AtomicRename.TempFolderName));
        File.WriteAllBytes(dir.File(temp), [0x50, 0x4B, 0x03]);

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal((temp, ValidationChecks.OrphanedTemp), (issue.File, issue.Check));
        Assert.Equal(4, report.FilesOk);
    }

    [Fact]
    public void Validating_while_a_batch_holds_the_folder_reads_the_journal_and_warns()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);
        var stray = TileContent.Realistic("iowa-cropland", 1, 1, 2);
        stray.Write(dir.Path);

        using var running = BatchJournal.Open(dir.Path, create: false);
        var report = Validate(dir);

        Assert.True(report.BatchRunning);
        Assert.True(report.JournalChecked);
        Assert.True(report.Passed, Describe(report));
        Assert.Contains(report.Warnings, w => w.Check == ValidationChecks.BatchRunning);
        Assert.Contains(report.Warnings, w => w is { Check: ValidationChecks.Extra } && w.File == stray.FileName);

        // The running batch keeps working on its journal.
        running.AddRows([JournalRowSeed.Pending("later", 9, "{}")]);
        Assert.Equal(RowState.Pending, running.Get("later")?.State);
    }

    [Fact]
    public void Damaged_journal_is_a_violation()
    {
        using var dir = new DatasetDirectory();
        TestDataset.Write(dir.Path, TestDataset.Tiles(), journal: false);
        File.WriteAllText(dir.File(BatchJournal.FileName), "this is not an SQLite database, just text that is long enough to have a header............");

        var report = Validate(dir);

        var issue = Assert.Single(report.Violations);
        Assert.Equal((BatchJournal.FileName, ValidationChecks.JournalUnreadable), (issue.File, issue.Check));
        Assert.False(report.JournalChecked);
        Assert.True(report.IndexChecked);
    }

    [Fact]
    public void Check_journal_off_skips_the_cross_checks()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);
        File.Delete(dir.File(tiles[0].FileName));

        var report = DatasetValidator.Validate(dir.Path, Options with { CheckJournal = false }, CancellationToken.None);

        Assert.True(report.Passed, Describe(report));
        Assert.Equal(3, report.FilesChecked);
        Assert.False(report.JournalChecked);
        Assert.False(report.IndexChecked);
    }

    [Fact]
    public void Listing_is_capped_but_counts_are_complete()
    {
        using var dir = new DatasetDirectory();
        for (var col = 0; col < 4; col++)
        {
            var tile = TileContent.Realistic("iowa-cropland", 0, col, 2);
            tile.Bands["s2_b2"][0] = 3f;
            tile.Write(dir.Path);
        }

        var report = DatasetValidator.Validate(dir.Path, Options with { MaxListed = 2 }, CancellationToken.None);

        Assert.Equal(4, report.ViolationCount);
        Assert.Equal(4, report.ViolationsByCheck[ValidationChecks.Range]);
        Assert.Equal(["tile_iowa-cropland_0_0.npz", "tile_iowa-cropland_0_1.npz"], report.Violations.Select(v => v.File));
        var text = new StringWriter();
        ValidationReportText.Write(report, text);
        Assert.Contains("... and 2 more", text.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("FAILED: ", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_parses_and_carries_the_counts()
    {
        using var dir = new DatasetDirectory();
        var tiles = TestDataset.Tiles();
        TestDataset.Write(dir.Path, tiles);
        tiles[0].Bands["s2_b2"][5] = 5f;
        tiles[0].Write(dir.Path);

        var report = Validate(dir);
        using var doc = JsonDocument.Parse(ValidationReportJson.Write(report));
        var root = doc.RootElement;

        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal(4, root.GetProperty("files_checked").GetInt32());
        Assert.Equal(3, root.GetProperty("files_ok").GetInt32());
        Assert.Equal(1, root.GetProperty("files_with_violations").GetInt32());
        Assert.Equal(1, root.GetProperty("violation_count").GetInt32());
        Assert.Equal(0, root.GetProperty("warning_count").GetInt32());
        Assert.Equal(1, root.GetProperty("violations_by_check").GetProperty("range").GetInt32());
        var violation = Assert.Single(root.GetProperty("violations").EnumerateArray());
        Assert.Equal(tiles[0].FileName, violation.GetProperty("file").GetString());
        Assert.Equal("range", violation.GetProperty("check").GetString());
        Assert.Equal(4, root.GetProperty("lowest_finite_fraction").GetArrayLength());
        Assert.Equal(0.9, root.GetProperty("min_valid").GetDouble());
        Assert.True(root.GetProperty("journal_checked").GetBoolean());
        Assert.True(root.GetProperty("index_checked").GetBoolean());
        Assert.False(root.GetProperty("batch_running").GetBoolean());
        Assert.Equal(dir.Path, root.GetProperty("directory").GetString());
    }

    [Fact]
    public void Missing_folder_is_bad_input()
    {
        using var dir = new DatasetDirectory();
        var missing = dir.File("nope");

        var ex = Assert.Throws<DatasetFolderException>(() => DatasetValidator.Validate(missing, Options, CancellationToken.None));
        Assert.Equal(Errors.FailureKind.BadInput, ex.Kind);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_the_check()
    {
        using var dir = new DatasetDirectory();
        TestDataset.Write(dir.Path, TestDataset.Tiles());
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => DatasetValidator.Validate(dir.Path, Options, cts.Token));
    }

    private static ValidationReport Validate(DatasetDirectory dir) => DatasetValidator.Validate(dir.Path, Options, CancellationToken.None);

    private static string Describe(ValidationReport report)
    {
        var text = new StringWriter();
        ValidationReportText.Write(report, text);
        return text.ToString();
    }
}
