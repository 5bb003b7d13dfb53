using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Reporting;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Reporting;

public sealed class ReportGeneratorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 2, 8, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Report_holds_the_summary_the_locations_and_escaped_data()
    {
        ReportDataset.Create(_dir.Path);

        var result = ReportGenerator.Generate(_dir.Path, new ReportOptions(), new FixedClock(Now), CancellationToken.None);

        Assert.Equal(Path.Combine(_dir.Path, "report.html"), result.Path);
        var html = File.ReadAllText(result.Path);
        Assert.Equal(new FileInfo(result.Path).Length, result.Bytes);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"rows-total\">3<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"rows-done\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"rows-failed\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"rows-pending\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"tiles-written\">2<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"tiles-rejected\">2<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"mb-read\">3.5<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"catalog\">demo<", html, StringComparison.Ordinal);
        Assert.Contains("<td>no_clear_scene</td>", html, StringComparison.Ordinal); // failures by reason
        Assert.Contains("<td>valid_fraction_below_min</td><td class=\"n\">2</td>", html, StringComparison.Ordinal);

        // Location table: the done row with its items, dates, delta and quicklook.
        Assert.Contains("S2B_MSIL2A_20240612T104619_R051_T31UDQ", html, StringComparison.Ordinal);
        Assert.Contains("<td>2024-06-12</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2024-06-14</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">1.8</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">12.5</td>", html, StringComparison.Ordinal);
        Assert.Contains("<img class=\"ql\" src=\"quicklooks/alpha.png\"", html, StringComparison.Ordinal);

        // Everything from data is escaped: the odd id, the failure message, the settings JSON.
        Assert.Contains("b&amp;&lt;x&gt;&quot;q&#39;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportDataset.OddId, html, StringComparison.Ordinal);
        Assert.Contains("scene &lt;script&gt;alert(1)&lt;/script&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;settings&lt;/b&gt;", html, StringComparison.Ordinal);

        // Self-contained: no external resource.
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.Equal(6, CountOf(html, "<svg class=\"hist\""));
        Assert.Equal(["journal.db", "report.html", "tile_alpha_0_0.npz", "tile_alpha_0_1.npz"],
            Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Where(n => !n!.StartsWith("journal.db-", StringComparison.Ordinal) && n != BatchJournal.LockFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Histograms_sample_every_7th_pixel_into_fixed_ranges()
    {
        ReportDataset.Create(_dir.Path, quicklook: false);

        var report = ReportGenerator.Generate(_dir.Path, new ReportOptions(), new FixedClock(Now), CancellationToken.None).Report;

        Assert.Equal((2, 2, 0), (report.TilesListed, report.TilesSampled, report.TilesUnreadable));
        const int n = ReportDataset.TileSize * ReportDataset.TileSize;
        var perTile = (n + 6) / 7;
        var byKey = report.Histograms.ToDictionary(h => h.Range.Key);
        Assert.Equal(ReportDataset.Keys, report.Histograms.Select(h => h.Range.Key));
        for (var b = 0; b < ReportDataset.Keys.Length; b++)
        {
            var h = byKey[ReportDataset.Keys[b]];
            Assert.Equal(50, h.Bins.Count);
            Assert.Equal(2L * perTile, h.Sampled);
            var expected = new long[50];
            foreach (var tile in new[] { ReportDataset.Tile00, ReportDataset.Tile01 })
            {
                var v = tile[b];
                if (v >= h.Range.Min && v <= h.Range.Max)
                {
                    var nanHere = b == 5 && ReferenceEquals(tile, ReportDataset.Tile00) ? ((n / 2) + 6) / 7 : 0;
                    expected[(int)((v - h.Range.Min) / (h.Range.Max - h.Range.Min) * 50)] += perTile - nanHere;
                }
            }

            Assert.Equal(expected, h.Bins);
        }

        Assert.Equal(perTile, byKey["s1_vv"].Above); // tile 0_1 has VV 10 dB > 5
        Assert.Equal(((n / 2) + 6) / 7, byKey["s2_b8"].NaN);
        Assert.Equal(-10.0, byKey["s1_vh"].Mean!.Value + 10.0, 3); // VH -20 everywhere
        Assert.Equal(0.3, byKey["s2_b8"].Mean!.Value, 5);
    }

    [Fact]
    public void Histograms_cover_every_band_found_in_the_tiles_after_the_six_defaults_in_band_order()
    {
        ReportDataset.Create(_dir.Path, quicklook: false, extraKeys: [("s2_b12", 0.25f), ("s2_b5", 0.15f)]);

        var result = ReportGenerator.Generate(_dir.Path, new ReportOptions(), new FixedClock(Now), CancellationToken.None);

        var report = result.Report;
        Assert.Equal([.. ReportDataset.Keys, "s2_b5", "s2_b12"], report.Histograms.Select(h => h.Range.Key));
        var perTile = ((ReportDataset.TileSize * ReportDataset.TileSize) + 6) / 7;
        foreach (var (key, value, label) in new[] { ("s2_b5", 0.15f, "Sentinel-2 B05 (red edge 1, 704 nm)"), ("s2_b12", 0.25f, "Sentinel-2 B12 (SWIR 2, 2190 nm)") })
        {
            var h = report.Histograms.Single(h => h.Range.Key == key);
            Assert.Equal((label, 0.0, 0.6, "reflectance"), (h.Range.Label, h.Range.Min, h.Range.Max, h.Range.Unit));
            var expected = new long[50];
            expected[(int)(value / 0.6 * 50)] = 2L * perTile;
            Assert.Equal(expected, h.Bins);
            Assert.Equal(value, h.Mean!.Value, 6);
        }

        var html = File.ReadAllText(result.Path);
        Assert.Equal(8, CountOf(html, "<svg class=\"hist\""));
        Assert.Contains("data-band=\"s2_b12\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Sentinel-2 B12 (SWIR 2, 2190 nm)</strong> <code>s2_b12</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiles_of_a_bands_batch_are_read_by_the_keys_of_its_bands()
    {
        // --bands B11: the tiles hold s1_vv, s1_vh and s2_b11 only; a tile without s2_b11 is unreadable.
        var settings = new RunSettings { CsvPath = "rows.csv", Profile = BuiltInProfiles.Demo }.WithBands([SpectralBand.Find("B11")!], BandResampling.Bilinear);
        using (var journal = BatchJournal.Open(_dir.Path, create: true))
        {
            journal.StartRun(new RunInfo(settings.ToJson(), "rows.csv", new string('c', 64), "0.1.0-test", Now, "demo"));
            journal.AddRows([JournalRowSeed.Pending("swir", 2, "{}")]);
            WriteTile("tile_swir_0_0.npz", ("s1_vv", -10f), ("s1_vh", -20f), ("s2_b11", 0.2f));
            WriteTile("tile_swir_0_1.npz", ("s1_vv", -10f), ("s1_vh", -20f));
            journal.MarkRunning("swir");
            journal.MarkDone("swir", new RowOutcome { TilesWritten = 2, Files = ["tile_swir_0_0.npz", "tile_swir_0_1.npz"], ItemsJson = "{}" });
        }

        var report = ReportGenerator.Generate(_dir.Path, new ReportOptions(), new FixedClock(Now), CancellationToken.None).Report;

        Assert.Equal((2, 1, 1), (report.TilesListed, report.TilesSampled, report.TilesUnreadable));
        Assert.Equal(["s1_vv", "s1_vh", "s2_b11"], report.Histograms.Select(h => h.Range.Key));
        Assert.Equal(0.2, report.Histograms[2].Mean!.Value, 6);
    }

    [Fact]
    public void Limits_list_the_first_rows_and_sample_few_tiles_and_count_unreadable_ones()
    {
        ReportDataset.Create(_dir.Path, quicklook: false);
        File.WriteAllText(Path.Combine(_dir.Path, "tile_alpha_0_1.npz"), "not a zip");

        var result = ReportGenerator.Generate(_dir.Path, new ReportOptions { MaxRows = 1, MaxHistogramTiles = 5 }, new FixedClock(Now), CancellationToken.None);

        Assert.Equal(["alpha"], result.Report.Locations.Select(l => l.RowId));
        Assert.Equal(2, result.Report.LocationsOmitted);
        Assert.Equal((1, 1), (result.Report.TilesSampled, result.Report.TilesUnreadable));
        var html = File.ReadAllText(result.Path);
        Assert.Contains("2 more locations not listed", html, StringComparison.Ordinal);
        Assert.Contains("1 tiles could not be read", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal); // no quicklook file, no broken image
    }

    [Fact]
    public void Missing_journal_and_bad_options_are_bad_input()
    {
        var none = Assert.Throws<AxionException>(() => ReportGenerator.Generate(_dir.Path, new ReportOptions(), TimeProvider.System, CancellationToken.None));
        Assert.Equal(FailureKind.BadInput, none.Kind);
        Assert.Contains("journal.db not found", none.Message, StringComparison.Ordinal);

        ReportDataset.Create(_dir.Path, quicklook: false);
        var bad = Assert.Throws<AxionException>(() => ReportGenerator.Generate(_dir.Path, new ReportOptions { MaxRows = -1 }, TimeProvider.System, CancellationToken.None));
        Assert.Contains("--max-rows must be >= 0, got -1", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_of_a_merged_dataset_counts_the_rows_of_every_shard_journal()
    {
        ShardedDataset.Create(_dir.Path, complete: true);

        var result = ReportGenerator.Generate(_dir.Path, new ReportOptions(), new FixedClock(Now), CancellationToken.None);

        var html = File.ReadAllText(result.Path);
        Assert.Contains("data-key=\"rows-total\">7<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"rows-done\">6<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"rows-failed\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"tiles-written\">8<", html, StringComparison.Ordinal);
        Assert.Equal(8, result.Report.TilesListed);
        Assert.Equal(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"], result.Report.Locations.Select(l => l.RowId));
        Assert.Equal("local", result.Report.Run?.Catalog);
    }

    [Fact]
    public void With_max_rows_the_first_rows_by_line_across_every_shard_journal_are_listed_and_the_rest_counted()
    {
        ShardedDataset.Create(_dir.Path, complete: true);

        var report = ReportGenerator.Generate(_dir.Path, new ReportOptions { MaxRows = 3 }, new FixedClock(Now), CancellationToken.None).Report;

        // Lines 2, 3, 4 live in shards 1, 0, 1: the rows are chosen across the journals, not per journal.
        Assert.Equal(["alpha", "bravo", "charlie"], report.Locations.Select(l => l.RowId));
        Assert.Equal(4, report.LocationsOmitted);
        Assert.Equal(8, report.TilesListed); // every done row's tiles, listed or not
        Assert.Equal(8, report.TilesSampled);
    }

    [Fact]
    public void A_running_batch_holding_the_lock_gives_a_clear_error()
    {
        ReportDataset.Create(_dir.Path, quicklook: false);
        using var running = BatchJournal.Open(_dir.Path, create: false);

        var ex = Assert.Throws<JournalLockedException>(() => ReportGenerator.Generate(_dir.Path, new ReportOptions(), TimeProvider.System, CancellationToken.None));

        Assert.Contains("another axion-tiles process is using", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "report.html")));
    }

    [Fact]
    public void Pick_spreads_evenly_and_keeps_all_when_few()
    {
        var items = Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(items, BandHistogramBuilder.Pick(items, 10));
        Assert.Equal(["0", "2", "5", "7"], BandHistogramBuilder.Pick(items, 4));
        Assert.Empty(BandHistogramBuilder.Pick(items, 0));
    }

    [Fact]
    public void Pick_over_a_stream_takes_the_same_items_in_one_pass()
    {
        var items = Enumerable.Range(0, 1000).ToArray();
        var passes = 0;
        IEnumerable<int> Stream()
        {
            passes++;
            foreach (var i in items)
            {
                yield return i;
            }
        }

        var picked = BandHistogramBuilder.Pick(Stream(), items.Length, 7).ToList();

        Assert.Equal(1, passes);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => items[i * 1000 / 7]), picked);
        Assert.Equal(items, BandHistogramBuilder.Pick(items, items.Length, 1000));
    }

    private void WriteTile(string name, params (string Key, float Value)[] arrays)
    {
        const int size = 16;
        using var npz = NpzWriter.Create(_dir.File(name), compressed: true);
        foreach (var (key, value) in arrays)
        {
            var data = new float[size * size];
            Array.Fill(data, value);
            npz.Add(key, data, size, size);
        }

        npz.AddString("meta", "{}");
        npz.Commit();
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
