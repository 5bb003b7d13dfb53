using System.Text.Json;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Output.Synth;
using Axion.TileBuilder.Testing.Python;

namespace Axion.TileBuilder.Output.Tests.Synth;

public class MockTileGeneratorTests
{
    private static readonly string[] OpticalKeys = [MockTile.S2B2, MockTile.S2B3, MockTile.S2B4, MockTile.S2B8];
    private static readonly string[] RadarKeys = [MockTile.S1Vv, MockTile.S1Vh];

    [Fact]
    public void Same_seed_and_index_give_identical_tiles_other_seeds_or_indices_differ()
    {
        var a = MockTileGenerator.Generate(42, 3, 64);
        var b = MockTileGenerator.Generate(42, 3, 64);
        var otherSeed = MockTileGenerator.Generate(43, 3, 64);
        var otherIndex = MockTileGenerator.Generate(42, 4, 64);
        foreach (var key in MockTile.Keys)
        {
            Assert.True(a.Band(key).SequenceEqual(b.Band(key)), key);
            Assert.False(a.Band(key).SequenceEqual(otherSeed.Band(key)), key);
            Assert.False(a.Band(key).SequenceEqual(otherIndex.Band(key)), key);
        }

        Assert.Equal(a.MetaJson, b.MetaJson);
        Assert.True(a.LandCover.SequenceEqual(b.LandCover));
    }

    [Theory]
    [InlineData(1L, 0, 256)]
    [InlineData(-9_000_000_000L, 17, 100)]
    [InlineData(123L, 5, 16)]
    public void Bands_have_plausible_ranges(long seed, int index, int size)
    {
        var tile = MockTileGenerator.Generate(seed, index, size);
        Assert.Equal(new[] { "s1_vv", "s1_vh", "s2_b2", "s2_b3", "s2_b4", "s2_b8" }, MockTile.Keys);
        foreach (var key in OpticalKeys)
        {
            var band = tile.Band(key);
            Assert.Equal(size * size, band.Length);
            foreach (var v in band)
            {
                Assert.True(float.IsFinite(v) && v >= 0f && v <= 1f, $"{key} = {v}");
            }
        }

        foreach (var key in RadarKeys)
        {
            var band = tile.Band(key);
            Assert.Equal(size * size, band.Length);
            foreach (var v in band)
            {
                Assert.True(float.IsFinite(v) && v >= -30f && v <= 5f, $"{key} = {v}");
            }
        }
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(77L)]
    public void Tiles_are_spatially_structured_not_white_noise(long seed)
    {
        var tile = MockTileGenerator.Generate(seed, 0, 256);
        foreach (var key in MockTile.Keys)
        {
            var ratio = AdjacentToRandomRatio(tile.Band(key), 256, seed);
            var limit = key.StartsWith("s2", StringComparison.Ordinal) ? 0.35 : 0.7;
            Assert.True(ratio < limit, $"{key}: adjacent/random difference ratio {ratio:F3} (white noise gives ~1)");
        }
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(77L)]
    public void Classes_have_realistic_signatures(long seed)
    {
        var tile = MockTileGenerator.Generate(seed, 0, 256);
        var cover = tile.LandCover.ToArray();
        double Mean(string key, MockLandCover c)
        {
            var band = tile.Band(key);
            double sum = 0;
            var n = 0;
            for (var i = 0; i < band.Length; i++)
            {
                if (cover[i] == (byte)c)
                {
                    sum += band[i];
                    n++;
                }
            }

            Assert.True(n > 50, $"class {c} has only {n} pixels");
            return sum / n;
        }

        var waterNir = Mean(MockTile.S2B8, MockLandCover.Water);
        var cropNir = Mean(MockTile.S2B8, MockLandCover.Crop);
        var cropRed = Mean(MockTile.S2B4, MockLandCover.Crop);
        Assert.True(waterNir < 0.06, $"water NIR {waterNir}");
        Assert.True(cropNir > 0.3, $"crop NIR {cropNir}");
        var ndvi = (cropNir - cropRed) / (cropNir + cropRed);
        Assert.True(ndvi > 0.6, $"crop NDVI {ndvi}");
        Assert.True(Mean(MockTile.S2B4, MockLandCover.BareSoil) > cropRed, "bare soil should be redder than crop");
        var waterVv = Mean(MockTile.S1Vv, MockLandCover.Water);
        Assert.True(waterVv < -17, $"water VV {waterVv} dB");
        Assert.True(Mean(MockTile.S1Vv, MockLandCover.Forest) > waterVv + 8, "forest is much brighter than water in VV");
        Assert.True(Mean(MockTile.S1Vh, MockLandCover.Crop) < Mean(MockTile.S1Vv, MockLandCover.Crop), "VH is below VV");
    }

    [Fact]
    public void WriteAll_writes_numbered_tiles_reports_progress_and_numpy_loads_them()
    {
        using var dir = new TempDirectory();
        var reported = new List<int>();
        var set = MockTileGenerator.WriteAll(dir.Path, 3, 99, 256, compressed: true, new SyncProgress(reported.Add), CancellationToken.None);
        Assert.Equal(new[] { "tile_000000.npz", "tile_000001.npz", "tile_000002.npz" }, dir.AllFiles());
        Assert.Equal(new[] { 1, 2, 3 }, reported);
        Assert.Equal(3, set.Files.Count);
        Assert.Equal(Path.GetFullPath(dir.Path), set.Directory);

        using (var npz = NpzReader.Open(set.Files[1]))
        {
            Assert.Equal(MockTile.Keys.Append(MockTile.MetaKey), npz.Keys);
            var expected = MockTileGenerator.Generate(99, 1, 256);
            foreach (var key in MockTile.Keys)
            {
                Assert.Equal(expected.Band(key).ToArray(), npz.Get(key).AsFloat32());
            }

            Assert.Equal(expected.MetaJson, npz.Get(MockTile.MetaKey).AsString());
        }

        const string Script = """
            import json, sys
            import numpy as np
            d = np.load(sys.argv[1])
            keys = sorted(d.files)
            bands = [k for k in keys if k != 'meta']
            print(json.dumps({
                'keys': keys,
                'dtypes': sorted({d[k].dtype.name for k in bands}),
                'shapes': sorted({str(d[k].shape) for k in bands}),
                'meta': json.loads(str(d['meta'])),
                'nir_mean': float(d['s2_b8'].astype('f8').mean()),
            }))
            """;
        using var doc = JsonDocument.Parse(PythonNumpy.RunChecked(Script, set.Files[1]));
        var root = doc.RootElement;
        Assert.Equal(new[] { "meta", "s1_vh", "s1_vv", "s2_b2", "s2_b3", "s2_b4", "s2_b8" }, root.GetProperty("keys").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("float32", Assert.Single(root.GetProperty("dtypes").EnumerateArray()).GetString());
        Assert.Equal("(256, 256)", Assert.Single(root.GetProperty("shapes").EnumerateArray()).GetString());
        var meta = root.GetProperty("meta");
        Assert.True(meta.GetProperty("synthetic").GetBoolean());
        Assert.Equal(99, meta.GetProperty("seed").GetInt64());
        Assert.Equal(1, meta.GetProperty("index").GetInt32());
        Assert.Equal(MockTileGenerator.ToolVersion, meta.GetProperty("tool_version").GetString());
        var expectedNir = MockTileGenerator.Generate(99, 1, 256).Band(MockTile.S2B8).ToArray().Select(v => (double)v).Average();
        Assert.Equal(expectedNir, root.GetProperty("nir_mean").GetDouble(), 6);
    }

    [Fact]
    public void Written_tiles_are_byte_identical_for_the_same_seed()
    {
        using var one = new TempDirectory();
        using var two = new TempDirectory();
        MockTileGenerator.WriteAll(one.Path, 1, 5, 32, compressed: false, null, CancellationToken.None);
        MockTileGenerator.WriteAll(two.Path, 1, 5, 32, compressed: false, null, CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(one.File("tile_000000.npz")), File.ReadAllBytes(two.File("tile_000000.npz")));
    }

    [Fact]
    public void WriteAll_validates_arguments_with_clear_messages()
    {
        using var dir = new TempDirectory();
        var count = Assert.Throws<ArgumentOutOfRangeException>(() => MockTileGenerator.WriteAll(dir.Path, 0, 1, 256, false, null, CancellationToken.None));
        Assert.Contains("at least 1, got 0", count.Message);
        var small = Assert.Throws<ArgumentOutOfRangeException>(() => MockTileGenerator.WriteAll(dir.Path, 1, 1, 15, false, null, CancellationToken.None));
        Assert.Contains("between 16 and 4096 pixels, got 15", small.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MockTileGenerator.Generate(1, 0, 4097));
        Assert.Throws<ArgumentOutOfRangeException>(() => MockTileGenerator.Generate(1, -1, 64));
        Assert.Empty(dir.AllFiles());
    }

    [Fact]
    public void WriteAll_stops_when_cancelled()
    {
        using var dir = new TempDirectory();
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(n =>
        {
            if (n == 2)
            {
                cts.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() => MockTileGenerator.WriteAll(dir.Path, 10, 1, 16, false, progress, cts.Token));
        Assert.Equal(new[] { "tile_000000.npz", "tile_000001.npz" }, dir.AllFiles());
    }

    private static double AdjacentToRandomRatio(ReadOnlySpan<float> band, int size, long seed)
    {
        double adjacent = 0;
        var n = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x + 1 < size; x++)
            {
                adjacent += Math.Abs(band[(y * size) + x + 1] - band[(y * size) + x]);
                n++;
            }
        }

        adjacent /= n;
        var random = new Random((int)seed);
        double pairs = 0;
        const int Pairs = 20000;
        for (var i = 0; i < Pairs; i++)
        {
            pairs += Math.Abs(band[random.Next(band.Length)] - band[random.Next(band.Length)]);
        }

        return adjacent / (pairs / Pairs);
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
