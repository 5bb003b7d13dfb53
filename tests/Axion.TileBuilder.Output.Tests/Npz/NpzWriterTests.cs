using System.IO.Compression;
using System.Text;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Output.Tests.Npz;

public class NpzWriterTests
{
    [Fact]
    public void Dispose_without_commit_leaves_no_file_and_no_temp()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tile_000001.npz");
        using (var writer = NpzWriter.Create(path, compressed: false))
        {
            writer.Add("a", new float[] { 1, 2, 3 }, 3);
            var during = dir.AllFiles();
            var temp = Assert.Single(during);
            Assert.StartsWith(".tile_000001.npz.tmp-", temp);
            Assert.Empty(Directory.GetFiles(dir.Path, "tile_*.npz"));
            Assert.False(File.Exists(path));
        }

        Assert.Empty(dir.AllFiles());
    }

    [Fact]
    public void Commit_replaces_an_existing_file_and_leaves_no_temp()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tile_000000.npz");
        File.WriteAllText(path, "old content, not a zip");
        using (var writer = NpzWriter.Create(path, compressed: true))
        {
            writer.Add("b", new ushort[] { 7, 8 }, 2);
            Assert.Equal("old content, not a zip", File.ReadAllText(path));
            writer.Commit();
            Assert.Throws<InvalidOperationException>(() => writer.Add("c", new ushort[] { 1 }, 1));
        }

        Assert.Equal(new[] { "tile_000000.npz" }, dir.AllFiles());
        using var npz = NpzReader.Open(path);
        Assert.Equal(new ushort[] { 7, 8 }, npz.Get("b").AsUInt16());
    }

    [Fact]
    public void The_compression_level_sets_the_file_size_never_the_arrays()
    {
        using var dir = new TempDirectory();
        var random = new Random(3);
        var values = Enumerable.Range(0, 256 * 256).Select(i => 0.2f + (0.1f * MathF.Cos(i / 500f)) + (float)(random.NextDouble() * 0.001)).ToArray();
        long Write(string name, int level)
        {
            using (var writer = NpzWriter.Create(dir.File(name), level, tempFolder: null))
            {
                Assert.Equal(level, writer.CompressionLevel);
                Assert.Equal(level > 0, writer.Compressed);
                writer.Add("s2_b2", values, 256, 256);
                writer.Commit();
            }

            using var npz = NpzReader.Open(dir.File(name));
            Assert.Equal(values, npz.Get("s2_b2").AsFloat32());
            return new FileInfo(dir.File(name)).Length;
        }

        var stored = Write("stored.npz", 0);
        var fast = Write("fast.npz", 2);
        var smallest = Write("smallest.npz", 9);
        Assert.True(stored > fast && fast > smallest, $"stored {stored}, level 2 {fast}, level 9 {smallest} bytes");
        Assert.Throws<ArgumentOutOfRangeException>(() => NpzWriter.Create(dir.File("x.npz"), 10, tempFolder: null));
        Assert.Equal(3, dir.AllFiles().Length);
    }

    [Fact]
    public void An_array_prepared_ahead_gives_the_file_the_bytes_of_one_added_in_place_and_reads_back()
    {
        using var dir = new TempDirectory();
        var values = Enumerable.Range(0, 64 * 64).Select(i => (float)Math.Sin(i / 50.0)).ToArray();
        var inPlace = dir.File("in-place.npz");
        var ahead = dir.File("ahead.npz");
        using (var writer = NpzWriter.Create(inPlace, 2, null))
        {
            writer.Add("s1_vv", values, 64, 64);
            writer.Add("s2_b2", values, 64, 64);
            writer.Commit();
        }

        var prepared = NpzWriter.Prepare("s2_b2", values, 2, 64, 64);
        using (var writer = NpzWriter.Create(ahead, 2, null))
        {
            writer.Add("s1_vv", values, 64, 64);
            writer.Add(prepared);
            Assert.Contains("already added", Assert.Throws<ArgumentException>(() => writer.Add(prepared)).Message, StringComparison.Ordinal);
            writer.Commit();
        }

        Assert.Equal(File.ReadAllBytes(inPlace), File.ReadAllBytes(ahead));
        using var npz = NpzReader.Open(ahead);
        Assert.Equal(["s1_vv", "s2_b2"], npz.Keys.ToArray());
        Assert.Equal(values, npz.Get("s2_b2").AsFloat32());
    }

    [Fact]
    public void An_array_prepared_at_another_level_or_with_a_wrong_shape_is_refused()
    {
        using var dir = new TempDirectory();
        Assert.Contains("holds 6 elements but the data has 4", Assert.Throws<ArgumentException>(() => NpzWriter.Prepare("a", new float[4], 2, 2, 3)).Message, StringComparison.Ordinal);
        var prepared = NpzWriter.Prepare("a", new float[4], 6, 2, 2);
        using var writer = NpzWriter.Create(dir.File("tile.npz"), 2, null);

        var ex = Assert.Throws<ArgumentException>(() => writer.Add(prepared));

        Assert.Contains("prepared at zlib level 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Temp_names_never_match_the_tile_pattern()
    {
        for (var i = 0; i < 50; i++)
        {
            var name = AtomicRename.TempName("tile_000123.npz");
            Assert.StartsWith(".", name);
            Assert.False(System.IO.Enumeration.FileSystemName.MatchesSimpleExpression("tile_*.npz", name), name);
        }
    }

    [Fact]
    public void Arrays_are_streamed_to_the_temp_file_before_commit()
    {
        using var dir = new TempDirectory();
        var data = new float[1024 * 1024];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = i;
        }

        using var writer = NpzWriter.Create(dir.File("big.npz"), compressed: false);
        writer.Add("big", data, 1024, 1024);
        var temp = new FileInfo(Path.Combine(dir.Path, Assert.Single(dir.AllFiles())));
        Assert.True(temp.Length >= 4L * 1024 * 1024 - (1 << 20), $"temp file is only {temp.Length} bytes");
        writer.Commit();
        using var npz = NpzReader.Open(dir.File("big.npz"));
        Assert.Equal(data, npz.Get("big").AsFloat32());
    }

    [Fact]
    public void Add_validates_keys_shapes_and_duplicates_without_breaking_the_writer()
    {
        using var dir = new TempDirectory();
        using var writer = NpzWriter.Create(dir.File("x.npz"), compressed: false);
        var shapeError = Assert.Throws<ArgumentException>(() => writer.Add("a", new float[6], 4, 2));
        Assert.Contains("(4, 2) holds 8 elements but the data has 6", shapeError.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add("a", new float[0], 0, -1));
        Assert.Throws<ArgumentException>(() => writer.Add("a", new float[2]));
        Assert.Contains("'a-b'", Assert.Throws<ArgumentException>(() => writer.Add("a-b", new byte[1], 1)).Message);
        Assert.Throws<ArgumentException>(() => writer.Add("a.npy", new byte[1], 1));
        Assert.Throws<ArgumentException>(() => writer.Add(string.Empty, new byte[1], 1));
        Assert.Throws<ArgumentException>(() => writer.AddString("s", "nul\0inside"));
        Assert.Throws<ArgumentException>(() => writer.AddString("s", "lone \uD800 surrogate"));

        writer.Add("a", new short[] { -1, 1 }, 2);
        Assert.Contains("already added", Assert.Throws<ArgumentException>(() => writer.Add("a", new short[] { 1 }, 1)).Message);
        writer.Add("Z_9", new byte[] { 9 }, 1);
        writer.Commit();

        using var npz = NpzReader.Open(dir.File("x.npz"));
        Assert.Equal(new[] { "a", "Z_9" }, npz.Keys);
        Assert.Equal(new short[] { -1, 1 }, npz.Get("a").AsInt16());
    }

    [Fact]
    public void Same_content_gives_identical_bytes()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "one.npz", "two.npz" })
        {
            using var writer = NpzWriter.Create(dir.File(name), compressed: true);
            writer.Add("v", new float[] { 1, 2, 3, 4 }, 2, 2);
            writer.AddString("meta", "{\"x\": 1}");
            writer.Commit();
        }

        Assert.Equal(File.ReadAllBytes(dir.File("one.npz")), File.ReadAllBytes(dir.File("two.npz")));
    }

    [Fact]
    public void Reader_reports_wrong_dtype_access_missing_keys_and_non_zip_files()
    {
        using var dir = new TempDirectory();
        var path = dir.File("r.npz");
        using (var writer = NpzWriter.Create(path, compressed: false))
        {
            writer.Add("f", new float[] { 1 }, 1);
            writer.Commit();
        }

        using (var npz = NpzReader.Open(path))
        {
            Assert.Contains("'<f4'", Assert.Throws<InvalidOperationException>(() => npz.Get("f").AsUInt16()).Message);
            Assert.Contains("has no array 'g'", Assert.Throws<KeyNotFoundException>(() => npz.Get("g")).Message);
        }

        var notZip = dir.File("text.npz");
        File.WriteAllText(notZip, "hello");
        Assert.Contains("not an .npz", Assert.Throws<NpyFormatException>(() => NpzReader.Open(notZip)).Message);
    }

    [Fact]
    public void Reader_rejects_an_entry_whose_data_does_not_match_its_header()
    {
        using var dir = new TempDirectory();
        var path = dir.File("short.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("x.npy").Open();
            NpyFormat.WriteHeader(stream, "<f4", [10]);
            stream.Write(new byte[8]);
        }

        using var npz = NpzReader.Open(path);
        var ex = Assert.Throws<NpyFormatException>(() => npz.Get("x"));
        Assert.Contains("needs", ex.Message);
    }

    [Fact]
    public void Strings_round_trip_through_our_reader_as_utf32()
    {
        using var dir = new TempDirectory();
        var path = dir.File("s.npz");
        const string Value = "São Paulo / Zürich / 😀";
        using (var writer = NpzWriter.Create(path, compressed: true))
        {
            writer.AddString("meta", Value);
            writer.Commit();
        }

        using var npz = NpzReader.Open(path);
        var meta = npz.Get("meta");
        Assert.Equal(NpyDtype.Unicode, meta.Dtype);
        Assert.Equal("<U" + Value.EnumerateRunes().Count(), meta.Descr);
        Assert.Equal(Encoding.UTF32.GetBytes(Value), meta.RawData.ToArray());
        Assert.Equal(Value, meta.AsString());
    }
}
