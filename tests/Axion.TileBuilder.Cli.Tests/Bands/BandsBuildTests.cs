using System.Globalization;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.LocalCatalog.World;
using Xunit.Abstractions;

namespace Axion.TileBuilder.Cli.Tests.Bands;

/// <summary>
/// <c>build --bands</c> against the local catalog with every Sentinel-2 band (issue 16): the seven-band list in both catalog
/// flavours, and every pixel of every resampled 20 m and 60 m band checked against the resampling of the ground truth:
/// exact for nearest, within float rounding for bilinear (computed here with GDAL's pixel-is-area geometry), and equal to
/// GDAL's own cubic warp of the source file for cubic.
/// </summary>
public sealed class BandsBuildTests(BandsBatchFixture batch, ITestOutputHelper output) : IClassFixture<BandsBatchFixture>
{
    /// <summary>Float rounding of a bilinear DN (float32, ~0.001 DN) and of the reflectance (float32, ~3e-8): far below one DN (1e-4).</summary>
    private const double BilinearTolerance = 1e-6;

    private static readonly string[] SevenKeys = ["s1_vv", "s1_vh", "s2_b2", "s2_b3", "s2_b4", "s2_b8", "s2_b5", "s2_b11", "s2_b12"];

    public static TheoryData<string> Flavours => new() { "pc", "es" };

    [Theory]
    [MemberData(nameof(Flavours))]
    public void The_seven_band_build_writes_the_keys_in_bands_order_and_lists_the_bands_in_meta(string flavour)
    {
        var build = Build(flavour);
        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        var files = build.TileFiles();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var tile = new BandTile(file, batch.World);
            Assert.Equal([.. SevenKeys, "s2_scl", "meta"], tile.Keys);
            Assert.Equal(flavour == "es" ? "sentinel-2-c1-l2a" : "sentinel-2-l2a", tile.Meta.GetProperty("s2_collection").GetString());
            var bands = tile.Meta.GetProperty("s2_bands").EnumerateArray()
                .Select(b => $"{b.GetProperty("band").GetString()} {b.GetProperty("key").GetString()} {b.GetProperty("resolution_m").GetInt32()} {b.GetProperty("resampling").GetString()}")
                .ToArray();
            Assert.Equal(
                ["B02 s2_b2 10 none", "B03 s2_b3 10 none", "B04 s2_b4 10 none", "B08 s2_b8 10 none", "B05 s2_b5 20 bilinear", "B11 s2_b11 20 bilinear", "B12 s2_b12 20 bilinear"],
                bands);
        }
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Ten_metre_bands_stay_exact_copies_of_the_truth_next_to_resampled_ones(string flavour)
    {
        var build = Build(flavour);
        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        foreach (var file in build.TileFiles())
        {
            using var tile = new BandTile(file, batch.World);
            tile.AssertNearest("s2_b2", S2Band.B02);
            tile.AssertNearest("s2_b8", S2Band.B08);
        }
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Every_pixel_of_the_20_m_bands_is_the_bilinear_resampling_of_the_truth(string flavour)
    {
        var build = Build(flavour);
        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        CheckBilinear(build, [("s2_b5", S2Band.B05), ("s2_b11", S2Band.B11), ("s2_b12", S2Band.B12)]);
    }

    [Fact]
    public void Every_pixel_of_the_60_m_bands_is_the_bilinear_resampling_of_the_truth()
    {
        Assert.True(batch.SixtyMetreBilinear.Result.ExitCode == 0, batch.SixtyMetreBilinear.Result.ToString());
        CheckBilinear(batch.SixtyMetreBilinear, [("s2_b1", S2Band.B01), ("s2_b9", S2Band.B09), ("s2_b8a", S2Band.B8A)]);
    }

    [Fact]
    public void Nearest_copies_the_source_pixel_under_each_10_m_centre_exactly()
    {
        var build = batch.Nearest;
        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        var files = build.TileFiles();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var tile = new BandTile(file, batch.World);
            Assert.Equal(["s1_vv", "s1_vh", "s2_b5", "s2_b1", "s2_b9", "s2_scl", "meta"], tile.Keys);
            Assert.All(tile.Meta.GetProperty("s2_bands").EnumerateArray(), b => Assert.Equal("nearest", b.GetProperty("resampling").GetString()));
            tile.AssertNearest("s2_b5", S2Band.B05);
            tile.AssertNearest("s2_b1", S2Band.B01);
            tile.AssertNearest("s2_b9", S2Band.B09);
        }
    }

    [Fact]
    public void Cubic_is_gdals_cubic_warp_of_the_source_file_onto_the_tile()
    {
        var build = batch.Cubic;
        Assert.True(build.Result.ExitCode == 0, build.Result.ToString());
        var files = build.TileFiles();
        Assert.NotEmpty(files);
        GdalRuntime.Initialize();
        foreach (var file in files)
        {
            using var tile = new BandTile(file, batch.World);
            foreach (var (key, band) in new[] { ("s2_b7", S2Band.B07), ("s2_b9", S2Band.B09) })
            {
                var values = tile.Values(key);
                var reference = GdalCubic(tile, band);
                var bilinear = new ResampledTruth(tile.Scene, band);
                var differsFromBilinear = 0;
                tile.ForEachPixel((i, x, y) =>
                {
                    var expected = tile.Reflectance(reference[i]);
                    Assert.True(tile.Masked(i) ? float.IsNaN(values[i]) : Math.Abs(values[i] - expected) < BilinearTolerance, $"{tile.Name} {key} pixel {i}: {values[i]} vs GDAL cubic {expected}");
                    differsFromBilinear += !tile.Masked(i) && Math.Abs(values[i] - tile.Reflectance(bilinear.Bilinear(x, y))) > 1e-4 ? 1 : 0;
                });

                // Cubic is not bilinear: the build used the method asked for.
                Assert.True(differsFromBilinear > 256 * 256 / 4, $"{tile.Name} {key}: only {differsFromBilinear} pixels differ from bilinear by more than one DN");
            }
        }
    }

    [Fact]
    public void Plan_reads_each_band_at_its_resolution_and_splits_the_estimate_by_resolution()
    {
        Assert.True(batch.Plan.ExitCode == 0, batch.Plan.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(batch.Plan.Stdout);
        var row = doc.RootElement.GetProperty("rows")[0];
        var reads = row.GetProperty("plan").GetProperty("reads").EnumerateArray().ToDictionary(r => r.GetProperty("band").GetString()!);
        foreach (var band in new[] { "B05", "B11", "B12" })
        {
            var read = reads[band];
            Assert.Equal("warped", read.GetProperty("method").GetString());
            Assert.Equal("bilinear", read.GetProperty("resampling").GetString());
            Assert.Equal(20, read.GetProperty("source_pixel_size").GetDouble());
            Assert.Equal(512, read.GetProperty("block_width").GetInt32());
        }

        Assert.Equal("aligned", reads["B02"].GetProperty("method").GetString());
        Assert.Equal(1024, reads["B02"].GetProperty("block_width").GetInt32());
        var byResolution = row.GetProperty("estimated_bytes_by_resolution").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(["s2_10m", "s2_20m", "s1"], byResolution.Keys);
        Assert.Equal(row.GetProperty("estimated_bytes").GetInt64(), byResolution.Values.Sum());
        // Beyond the chosen scene's reads, a group holds the blocks a build reads ahead of the SCL check and wastes (the
        // demo world's lowest-cloud scene is overcast over the AOI): at most the row's read_ahead_waste_bytes in all.
        var reads20 = new[] { "B05", "B11", "B12" }.Sum(b => reads[b].GetProperty("estimate").GetProperty("bytes").GetInt64());
        Assert.InRange(byResolution["s2_20m"] - reads20, 0, row.GetProperty("read_ahead_waste_bytes").GetInt64());
        output.WriteLine(string.Join(", ", byResolution.Select(p => $"{p.Key} {p.Value} bytes")));
        var totals = doc.RootElement.GetProperty("estimated_bytes_by_resolution").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(byResolution, totals);

        // The estimate knows the 20 m files' block layout and the warp's window: the build reads what the plan says.
        using var journal = Journal.BatchJournal.Open(batch.PcBilinear.OutDir, create: false);
        var built = Assert.Single(journal.List(Journal.RowState.Done)).Outcome!.BytesRead;
        var planned = row.GetProperty("build_bytes").GetInt64();
        var error = Math.Abs((double)planned - built) / built;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plan {planned} bytes, build {built} bytes ({error:P2} off)"));
        Assert.True(error <= 0.10, string.Create(CultureInfo.InvariantCulture, $"plan {planned} vs build {built} bytes ({error:P1} off)"));
    }

    [Fact]
    public async Task The_bands_belong_to_the_batch_resume_keeps_them_and_another_list_is_another_batch()
    {
        Assert.True(batch.PcBilinear.Result.ExitCode == 0, batch.PcBilinear.Result.ToString());
        var outDir = batch.PcBilinear.OutDir;
        var before = batch.PcBilinear.TileFiles().ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var resumed = await CliHarness.RunAsync("resume", "--out", outDir);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(before, batch.PcBilinear.TileFiles().ToDictionary(f => f, File.GetLastWriteTimeUtc));

        var same = await CliHarness.RunAsync(["build", .. batch.PcArguments, "--bands", BandsBatchFixture.SevenBands, "--out", outDir]);
        Assert.True(same.ExitCode == 0, same.ToString());

        foreach (var other in new[] { new[] { "--bands", "B02,B03,B04,B08" }, ["--bands", BandsBatchFixture.SevenBands, "--resampling", "cubic"], ["--bands", "B02,B03,B04,B08,B05,B12,B11"] })
        {
            var refused = await CliHarness.RunAsync(["build", .. batch.PcArguments, .. other, "--out", outDir]);
            Assert.True(refused.ExitCode == ExitCodes.UsageOrBadInput, refused.ToString());
            Assert.Contains("different batch", refused.Stderr, StringComparison.Ordinal);
        }
    }

    private void CheckBilinear(BandsBuild build, (string Key, S2Band Band)[] bands)
    {
        var files = build.TileFiles();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var tile = new BandTile(file, batch.World);
            foreach (var (key, band) in bands)
            {
                var worst = tile.AssertBilinear(key, band, BilinearTolerance);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tile.Name} {key}: largest difference {worst:E2}"));
            }
        }
    }

    /// <summary>GDAL's cubic warp of the band's source file (from the world folder) onto the tile's grid, as float32 DN.</summary>
    private float[] GdalCubic(BandTile tile, S2Band band)
    {
        var inv = CultureInfo.InvariantCulture;
        var asset = tile.Scene.Assets.Single(a => a.Key == band.ToString());
        using var source = GdalDataset.Open(Path.Combine(batch.World.Directory, asset.RelativePath), GdalAccess.ReadOnly, ["GTiff"]);
        var gt = tile.GeoTransform;
        using var warped = GdalUtilities.Warp(string.Empty, [source],
        [
            "-of", "MEM", "-t_srs", $"EPSG:{tile.Scene.Epsg}",
            "-te", gt[0].ToString("R", inv), (gt[3] + (256 * gt[5])).ToString("R", inv), (gt[0] + (256 * gt[1])).ToString("R", inv), gt[3].ToString("R", inv),
            "-ts", "256", "256", "-r", "cubic", "-srcnodata", "0", "-dstnodata", "0", "-ot", "Float32",
        ]);
        var values = new float[256 * 256];
        warped.GetBand(1).Read<float>(0, 0, 256, 256, values);
        return values;
    }

    private BandsBuild Build(string flavour) => flavour == "es" ? batch.EsBilinear : batch.PcBilinear;
}
