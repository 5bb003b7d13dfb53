using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Output.Tests.IO;

public class ZipWriterTests
{
    /// <summary>Float32 values like a tile's: smooth signal plus noise in the low mantissa bits (compressible, not trivially).</summary>
    private static byte[] TileLikeBytes(int seed, int count = 64 * 1024)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = 0.1f + (0.05f * MathF.Sin(i / 300f)) + (float)(random.NextDouble() * 0.002);
        }

        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    /// <summary>Float32 reflectance as a build writes it: integer DN (a smooth signal plus noise) times 1e-4, so few distinct values.</summary>
    private static byte[] ReflectanceLikeBytes(int seed, int count)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (1000 + MathF.Round(500 * MathF.Sin(i / 300f)) + random.Next(50)) * 1e-4f;
        }

        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Data, int Level)[] entries) => Zip(LibDeflate.Available, entries);

    private static byte[] Zip(bool libDeflate, params (string Name, byte[] Data, int Level)[] entries)
    {
        using var stream = new MemoryStream();
        var zip = new ZipWriter(stream, libDeflate);
        foreach (var (name, data, level) in entries)
        {
            using var entry = zip.BeginEntry(name, level);
            entry.Write(data.AsSpan(0, data.Length / 2)); // in two writes: the CRC and sizes add up across them
            entry.Write(data.AsSpan(data.Length / 2));
        }

        zip.Finish();
        return stream.ToArray();
    }

    [Fact]
    public void Libdeflate_is_found_where_gdal_is_installed()
    {
        // Debian's libgdal32 depends on libdeflate0: wherever axion-tiles runs its tiles are deflated by libdeflate, so the
        // tests below exercise that path (and the zlib-ng fallback explicitly).
        Assert.True(LibDeflate.Available, "libdeflate.so.0 could not be loaded: install libdeflate0 (a dependency of libgdal32)");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(6, true)]
    [InlineData(9, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(6, false)]
    [InlineData(9, false)]
    public void Every_level_reads_back_exactly_with_the_recorded_crc_sizes_method_and_date(int level, bool libDeflate)
    {
        var first = TileLikeBytes(1, 300 * 1024); // larger than the first pooled buffer an entry gathers into
        var second = Encoding.ASCII.GetBytes("{'descr': '<f4'}");
        var bytes = Zip(libDeflate, ("a.npy", first, level), ("meta.npy", second, level), ("empty.npy", [], level));

        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(new[] { "a.npy", "meta.npy", "empty.npy" }, archive.Entries.Select(e => e.FullName));
        foreach (var (entry, expected) in archive.Entries.Zip([first, second, []]))
        {
            using var content = new MemoryStream();
            using (var data = entry.Open())
            {
                data.CopyTo(content);
            }

            Assert.Equal(expected, content.ToArray());
            Assert.Equal(Crc32.HashToUInt32(expected), entry.Crc32);
            Assert.Equal(expected.Length, entry.Length);
            Assert.Equal(new DateTime(1980, 1, 1, 0, 0, 0), entry.LastWriteTime.DateTime);
        }

        var stored = archive.GetEntry("a.npy")!;
        if (level == ZipWriter.Stored)
        {
            Assert.Equal(first.Length, stored.CompressedLength);
        }
        else if (level > 1 || libDeflate) // zlib-ng's level 1 (static Huffman codes only) can grow noisy floats
        {
            Assert.True(stored.CompressedLength < first.Length, $"level {level}: {stored.CompressedLength} of {first.Length} bytes");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_level_is_applied_and_the_same_content_gives_the_same_bytes(bool libDeflate)
    {
        var data = ReflectanceLikeBytes(7, 64 * 1024);
        var fastest = Zip(libDeflate, ("a.npy", data, 1));
        var two = Zip(libDeflate, ("a.npy", data, 2));
        var smallest = Zip(libDeflate, ("a.npy", data, 9));

        // libdeflate's fastest level already writes what zlib's 2 does, so levels 1 and 2 both give it.
        Assert.True(libDeflate ? fastest.Length == two.Length : fastest.Length > two.Length, $"level 1 {fastest.Length} bytes, level 2 {two.Length}");
        Assert.True(two.Length > smallest.Length, $"level 2 {two.Length} bytes, level 9 {smallest.Length}");
        Assert.Equal(two, Zip(libDeflate, ("a.npy", data, 2)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(9)]
    public void Libdeflate_writes_what_zlib_writes_at_the_same_level_within_a_percent(int level)
    {
        var data = ReflectanceLikeBytes(11, 64 * 1024);
        var zlib = Zip(false, ("a.npy", data, level)).Length;
        var libdeflate = Zip(true, ("a.npy", data, level)).Length;

        Assert.InRange(libdeflate, zlib * 0.9, zlib * 1.01);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(6)]
    public void An_entry_prepared_ahead_gives_the_archive_the_bytes_of_one_written_in_place(int level)
    {
        var first = TileLikeBytes(1);
        var second = TileLikeBytes(2, 1000);
        var inPlace = Zip(("a.npy", first, level), ("b.npy", second, level));
        var prepared = ZipWriter.Prepare("b.npy", level, s =>
        {
            s.Write(second.AsSpan(0, second.Length / 2));
            s.Write(second.AsSpan(second.Length / 2));
        });

        using var stream = new MemoryStream();
        var zip = new ZipWriter(stream);
        using (var entry = zip.BeginEntry("a.npy", level))
        {
            entry.Write(first.AsSpan(0, first.Length / 2));
            entry.Write(first.AsSpan(first.Length / 2));
        }

        zip.Add(prepared); // at another offset than where it was written: the directory must point at it
        zip.Finish();

        Assert.Equal(inPlace, stream.ToArray());
        using var archive = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        using var read = new MemoryStream();
        archive.GetEntry("b.npy")!.Open().CopyTo(read);
        Assert.Equal(second, read.ToArray());
    }

    [Fact]
    public void A_prepared_entry_is_refused_while_another_is_open_or_after_the_end()
    {
        var prepared = ZipWriter.Prepare("b.npy", 2, s => s.Write(TileLikeBytes(3, 10)));
        using var stream = new MemoryStream();
        var zip = new ZipWriter(stream);
        using (zip.BeginEntry("a.npy", 2))
        {
            Assert.Contains("'a.npy' is still open", Assert.Throws<InvalidOperationException>(() => zip.Add(prepared)).Message, StringComparison.Ordinal);
        }

        zip.Finish();
        Assert.Contains("already finished", Assert.Throws<InvalidOperationException>(() => zip.Add(prepared)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misuse_is_refused_with_the_reason()
    {
        using var stream = new MemoryStream();
        var zip = new ZipWriter(stream);
        Assert.Throws<ArgumentOutOfRangeException>(() => zip.BeginEntry("a.npy", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => zip.BeginEntry("a.npy", -1));
        Assert.Contains("ASCII", Assert.Throws<ArgumentException>(() => zip.BeginEntry("ä.npy", 2)).Message, StringComparison.Ordinal);

        var open = zip.BeginEntry("a.npy", 2);
        Assert.Contains("'a.npy' is still open", Assert.Throws<InvalidOperationException>(() => zip.BeginEntry("b.npy", 2)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(zip.Finish);
        open.Dispose();
        zip.Finish();
        Assert.Contains("finished", Assert.Throws<InvalidOperationException>(() => zip.BeginEntry("b.npy", 2)).Message, StringComparison.Ordinal);

        using var moved = new MemoryStream();
        moved.WriteByte(1);
        Assert.Throws<ArgumentException>(() => new ZipWriter(moved));
    }
}
