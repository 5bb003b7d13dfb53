using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Testing.Python;

namespace Axion.TileBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// The CI smoke test: <c>build</c> on the three sample rows against the local catalog, then every
/// pixel is checked against the synthetic ground truth at its ground position.
/// </summary>
public sealed class DemoBatchSmokeTests(DemoBatchFixture batch) : IClassFixture<DemoBatchFixture>
{
    [Fact]
    public async Task Build_finishes_with_every_row_done()
    {
        Assert.True(batch.Build.ExitCode == 0, batch.Build.ToString());
        var status = await CliHarness.RunAsync("status", "--out", batch.OutDir, "--json");
        Assert.Equal(0, status.ExitCode);
        using var doc = JsonDocument.Parse(status.Stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("rows_total").GetInt32());
        Assert.Equal(3, doc.RootElement.GetProperty("rows").GetProperty("done").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("rows").GetProperty("failed").GetInt32());
        Assert.True(doc.RootElement.GetProperty("tiles_written").GetInt64() >= 3);
        Assert.True(doc.RootElement.GetProperty("bytes_read").GetInt64() > 0);
    }

    [Fact]
    public void Numpy_loads_every_tile_with_the_contract_keys()
    {
        var files = batch.TileFiles();
        Assert.NotEmpty(files);
        const string Script = """
import sys, json, glob, numpy as np
out = []
for path in sorted(glob.glob(sys.argv[1] + "/tile_*.npz")):
    d = np.load(path)
    meta = json.loads(str(d["meta"]))
    out.append({"file": path.split("/")[-1], "keys": sorted(d.files),
                "dtypes": {k: str(d[k].dtype) for k in d.files if k != "meta"},
                "shapes": {k: list(d[k].shape) for k in d.files if k != "meta"},
                "row_id": meta["row_id"], "crs": meta["crs"],
                "finite_b4": int(np.isfinite(d["s2_b4"]).sum())})
print(json.dumps(out))
""";
        var (code, stdout, stderr) = PythonNumpy.Run(Script, batch.OutDir);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var tiles = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(files.Count, tiles.Count);
        foreach (var tile in tiles)
        {
            var keys = tile.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ToList();
            Assert.Equal(["meta", "s1_vh", "s1_vv", "s2_b2", "s2_b3", "s2_b4", "s2_b8", "s2_scl", "valid"], keys);
            foreach (var key in new[] { "s1_vv", "s1_vh", "s2_b2", "s2_b3", "s2_b4", "s2_b8" })
            {
                Assert.Equal("float32", tile.GetProperty("dtypes").GetProperty(key).GetString());
                Assert.Equal([256, 256], tile.GetProperty("shapes").GetProperty(key).EnumerateArray().Select(v => v.GetInt32()).ToArray());
            }

            Assert.Equal("uint8", tile.GetProperty("dtypes").GetProperty("s2_scl").GetString());
            Assert.StartsWith("EPSG:32", tile.GetProperty("crs").GetString(), StringComparison.Ordinal);
            Assert.True(tile.GetProperty("finite_b4").GetInt32() >= 0.5 * 256 * 256);
        }
    }

    [Fact]
    public void Every_pixel_matches_the_ground_truth_at_its_position()
    {
        var files = batch.TileFiles();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            GroundTruthTile.AssertMatches(file, batch.World);
        }
    }

    [Fact]
    public void Clear_pixels_carry_the_clear_sky_reflectance_of_their_place()
    {
        // Independent of the scene grids: clear pixels equal GroundTruth at the lon/lat of the pixel centre.
        foreach (var file in batch.TileFiles())
        {
            using var npz = NpzReader.Open(file);
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            var m = meta.RootElement;
            var epsg = int.Parse(m.GetProperty("crs").GetString()!["EPSG:".Length..], CultureInfo.InvariantCulture);
            var (zone, north) = Utm.FromEpsg(epsg)!.Value;
            var gt = m.GetProperty("geotransform").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var baseline = m.GetProperty("s2_processing_baseline").GetString()!;
            var offset = GroundTruth.HasBoaOffset(baseline) ? GroundTruth.BoaOffsetDn : 0;
            var b8 = npz.Get("s2_b8").AsFloat32();
            var scl = npz.Get("s2_scl").AsUInt8();
            var compared = 0;
            for (var i = 0; i < b8.Length; i += 7)
            {
                if (scl[i] is not (4 or 5 or 6))
                {
                    continue;
                }

                var (lon, lat) = Utm.Inverse(gt[0] + ((i % 256) + 0.5) * gt[1], gt[3] + ((i / 256) + 0.5) * gt[5], zone, north);
                var expected = (GroundTruth.S2Dn(GroundTruth.S2Reflectance(S2Band.B08, lon, lat), baseline) - offset) / 10000.0;
                Assert.True(Math.Abs(b8[i] - expected) < 1e-6, $"{Path.GetFileName(file)} pixel {i}: B08 {b8[i]} vs {expected}");
                compared++;
            }

            Assert.True(compared > 1000, $"{Path.GetFileName(file)}: only {compared} clear pixels compared");
        }
    }

    [Fact]
    public void The_offset_rule_follows_the_processing_baseline()
    {
        var rules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in batch.TileFiles())
        {
            using var npz = NpzReader.Open(file);
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            var baseline = meta.RootElement.GetProperty("s2_processing_baseline").GetString()!;
            var rule = meta.RootElement.GetProperty("offset_rule").GetString()!;
            var expectsOffset = string.CompareOrdinal(baseline, "04.00") >= 0;
            Assert.Equal(expectsOffset, rule.Contains(">=04.00", StringComparison.Ordinal));
            rules.Add(rule);
        }

        // The sample world mixes baselines across locations: both rules occur.
        Assert.Equal(2, rules.Count);
    }

    [Fact]
    public void Clouds_are_masked_and_counted()
    {
        var anyMasked = false;
        foreach (var file in batch.TileFiles())
        {
            using var npz = NpzReader.Open(file);
            var scl = npz.Get("s2_scl").AsUInt8();
            var b4 = npz.Get("s2_b4").AsFloat32();
            var valid = npz.Get("valid").AsUInt8();
            var vv = npz.Get("s1_vv").AsFloat32();
            for (var i = 0; i < scl.Length; i++)
            {
                var invalid = GroundTruthTile.DefaultInvalidScl.Contains(scl[i]);
                Assert.Equal(invalid, float.IsNaN(b4[i]));
                Assert.Equal(!invalid && float.IsFinite(vv[i]), valid[i] == 1);
                anyMasked |= invalid;
            }
        }

        Assert.True(anyMasked, "the sample world's chosen scenes contain clouds inside the AOI; none were masked");
    }

    [Fact]
    public void The_index_lists_every_tile_with_its_footprint()
    {
        var files = batch.TileFiles().Select(f => Path.GetFileName(f)!).ToHashSet(StringComparer.Ordinal);
        var index = Output.Index.TileIndexReader.ReadCsv(Path.Combine(batch.OutDir, "index.csv"));
        Assert.Equal(files, index.Select(e => e.File).ToHashSet(StringComparer.Ordinal));
        using var geojson = JsonDocument.Parse(File.ReadAllText(Path.Combine(batch.OutDir, "index.geojson")));
        Assert.Equal(files.Count, geojson.RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task Validate_passes_on_the_batch_and_names_a_corrupted_tile()
    {
        var ok = await CliHarness.RunAsync("validate", batch.OutDir, "--min-valid", "0.5");
        Assert.True(ok.ExitCode == 0, ok.ToString());

        // A corrupted copy of the dataset: one tile with bytes flipped in the middle.
        var copy = TestPaths.NewTempDir("corrupt");
        foreach (var file in Directory.GetFiles(batch.OutDir).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var victim = Path.Combine(copy, Path.GetFileName(batch.TileFiles()[0]));
        var bytes = await File.ReadAllBytesAsync(victim);
        for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
        {
            bytes[i] ^= 0xFF;
        }

        await File.WriteAllBytesAsync(victim, bytes);
        var bad = await CliHarness.RunAsync("validate", copy, "--min-valid", "0.5");
        Assert.Equal(ExitCodes.FinishedWithFailures, bad.ExitCode);
        Assert.Contains(Path.GetFileName(victim), bad.Stdout + bad.Stderr, StringComparison.Ordinal);
        Directory.Delete(copy, recursive: true);
    }

    [Fact]
    public async Task Building_again_over_the_same_out_dir_redoes_nothing()
    {
        var before = batch.TileFiles().ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var again = await CliHarness.RunAsync(
            "build", "--catalog", "demo", "--csv", TestPaths.SampleCsv, "--out", batch.OutDir, "--include-scl", "--include-valid", "--uncompressed", "--min-valid", "0.5");
        Assert.True(again.ExitCode == 0, again.ToString());
        var after = batch.TileFiles().ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_different_batch_over_the_same_out_dir_is_refused()
    {
        var other = await CliHarness.RunAsync(
            "build", "--catalog", "demo", "--csv", TestPaths.SampleCsv, "--out", batch.OutDir, "--tiles", "3x3");
        Assert.Equal(ExitCodes.UsageOrBadInput, other.ExitCode);
        Assert.Contains("different batch", other.Stderr, StringComparison.Ordinal);
    }

}
