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

    private static byte[] Zip(params (string Name, byte[] Data, int Level)[] entries)
    {
        using var stream = new MemoryStream();
        var zip = new ZipWriter(stream);
        foreach (var (name, data, level) in entries)
        {
            using var entry = zip.BeginEntry(name, level);
            entry.Write(data.AsSpan(0, data.Length / 2)); // in two writes: the CRC and sizes add up across them
            entry.Write(data.AsSpan(data.Length / 2));
        }

        zip.Finish();
        return stream.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(9)]
    public void Every_level_reads_back_exactly_with_the_recorded_crc_sizes_method_and_date(int level)
    {
        var first = TileLikeBytes(1);
        var second = Encoding.ASCII.GetBytes("{'descr': '<f4'}");
        var bytes = Zip(("a.npy", first, level), ("meta.npy", second, level), ("empty.npy", [], level));

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
        else if (level > 1) // zlib-ng's level 1 (static Huffman codes only) can grow noisy floats
        {
            Assert.True(stored.CompressedLength < first.Length, $"level {level}: {stored.CompressedLength} of {first.Length} bytes");
        }
    }

    [Fact]
    public void The_level_is_applied_and_the_same_content_gives_the_same_bytes()
    {
        var data = TileLikeBytes(7, 256 * 1024);
        var fastest = Zip(("a.npy", data, 1));
        var two = Zip(("a.npy", data, 2));
        var smallest = Zip(("a.npy", data, 9));

        Assert.True(fastest.Length > two.Length, $"level 1 {fastest.Length} bytes, level 2 {two.Length}");
        Assert.True(two.Length >= smallest.Length, $"level 2 {two.Length} bytes, level 9 {smallest.Length}");
        Assert.Equal(two, Zip(("a.npy", data, 2)));
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
