using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Axion.TileBuilder.Output.IO;

/// <summary>
/// Writes a zip archive (PKWARE APPNOTE 6.3, no zip64) to a seekable stream, one entry at a time, each stored or
/// deflated at a chosen zlib level 1-9. <see cref="ZipArchive"/> only offers three levels (<see cref="CompressionLevel"/>),
/// and the one between "fast and a fifth larger" and "six" is what tiles want: zlib level 2 compresses float32 tiles to
/// within 1 % of level 6 in about half the CPU (docs/benchmarks.md, "Where a row's CPU goes").
/// </summary>
/// <remarks>
/// A deflated entry is compressed by libdeflate at the level that matches the zlib level's output size
/// (<see cref="LibDeflate.LevelFor"/>), in about 40 % of zlib-ng's CPU, as one buffer when the entry is closed; where
/// libdeflate cannot be loaded, by .NET's zlib-ng at the zlib level, streamed into the target. Stored entries stream
/// straight into the target. An entry's CRC-32 and sizes are patched into its local header when it is
/// closed (no data descriptors), so any zip reader, Python's <c>zipfile</c> (numpy) included, reads the archive. Entry
/// times are fixed at 1980-01-01 00:00 (like numpy), so the same content gives the same bytes. Names are ASCII. Not
/// thread-safe; one entry open at a time.
/// </remarks>
public sealed class ZipWriter
{
    /// <summary>Level that stores an entry without compression.</summary>
    public const int Stored = 0;

    /// <summary>The highest zlib level (smallest output).</summary>
    public const int MaxLevel = 9;

    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const ushort VersionNeeded = 20; // 2.0: deflate
    private const ushort MethodStored = 0;
    private const ushort MethodDeflated = 8;
    private const ushort DosDate19800101 = (1 << 5) | 1; // year 0 (1980), month 1, day 1; time 00:00:00 is 0
    private const int LocalHeaderLength = 30;
    private const int LocalHeaderCrcOffset = 14;

    private readonly Stream _target;
    private readonly bool _libDeflate;
    private readonly List<CentralEntry> _entries = [];
    private EntryStream? _open;
    private bool _finished;

    /// <summary>What deflates entries in this process: <c>libdeflate</c>, or <c>zlib-ng</c> (with the reason) where libdeflate cannot be loaded.</summary>
    public static string Deflater => LibDeflate.Available ? "libdeflate" : "zlib-ng (libdeflate.so.0 could not be loaded: sudo apt-get install libdeflate0)";

    /// <summary>Writes to <paramref name="target"/> from its current position (which must be 0: offsets are absolute).</summary>
    /// <exception cref="ArgumentException">The stream cannot seek or write, or is not at its start.</exception>
    public ZipWriter(Stream target)
        : this(target, LibDeflate.Available)
    {
    }

    /// <summary>Writes to <paramref name="target"/>, deflating with libdeflate or, when <paramref name="libDeflate"/> is false, with zlib-ng.</summary>
    internal ZipWriter(Stream target, bool libDeflate)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.CanSeek || !target.CanWrite || target.Position != 0)
        {
            throw new ArgumentException("A zip is written to a seekable, writable stream from its start.", nameof(target));
        }

        _target = target;
        _libDeflate = libDeflate;
    }

    /// <summary>
    /// Starts entry <paramref name="name"/>; write its bytes to the returned stream and dispose it before the next entry.
    /// </summary>
    /// <param name="name">ASCII entry name, at most 65,535 bytes.</param>
    /// <param name="level"><see cref="Stored"/> (0) or a zlib level 1 (fastest) to 9 (smallest).</param>
    public Stream BeginEntry(string name, int level)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        if (_finished || _open is not null)
        {
            throw new InvalidOperationException(_finished ? "The zip is already finished." : $"Entry '{_open!.Name}' is still open.");
        }

        if (!Ascii.IsValid(name) || name.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"Zip entry name '{name}' must be ASCII and at most {ushort.MaxValue} characters.", nameof(name));
        }

        var offset = _target.Position;
        var method = level == Stored ? MethodStored : MethodDeflated;
        var nameBytes = Encoding.ASCII.GetBytes(name);
        Span<byte> header = stackalloc byte[LocalHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, LocalHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], VersionNeeded);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0); // flags: no data descriptor, ASCII name
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], method);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], 0); // time 00:00:00
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], DosDate19800101);
        header[LocalHeaderCrcOffset..26].Clear(); // CRC-32 and both sizes, patched by EntryStream.Dispose
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0); // no extra field
        _target.Write(header);
        _target.Write(nameBytes);
        _open = new EntryStream(this, name, nameBytes, method, offset, level);
        return _open;
    }

    /// <summary>
    /// Writes entry <paramref name="name"/> ahead of its archive, in memory (for example on another thread while the
    /// archive's other data is not there yet); <see cref="Add(PreparedZipEntry)"/> copies it in. The bytes are those
    /// <see cref="BeginEntry"/> would have written for the same data.
    /// </summary>
    /// <param name="name">ASCII entry name.</param>
    /// <param name="level"><see cref="Stored"/> (0) or a zlib level 1 to 9.</param>
    /// <param name="write">Writes the entry's data to the stream it is given.</param>
    public static PreparedZipEntry Prepare(string name, int level, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        var zip = new ZipWriter(buffer);
        using (var entry = zip.BeginEntry(name, level))
        {
            write(entry);
        }

        return new PreparedZipEntry(name, buffer.ToArray(), zip._entries[0]);
    }

    /// <summary>Adds an entry written ahead by <see cref="Prepare"/>. No entry may be open.</summary>
    public void Add(PreparedZipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_finished || _open is not null)
        {
            throw new InvalidOperationException(_finished ? "The zip is already finished." : $"Entry '{_open!.Name}' is still open.");
        }

        var offset = _target.Position;
        _target.Write(entry.Record);
        _entries.Add(entry.Central with { Offset = ToUInt32(offset, $"offset of entry '{entry.Name}'") });
    }

    /// <summary>Writes the central directory and the end record. No entry may be open.</summary>
    public void Finish()
    {
        if (_open is not null)
        {
            throw new InvalidOperationException($"Entry '{_open.Name}' is still open.");
        }

        if (_finished)
        {
            return;
        }

        var directoryStart = _target.Position;
        Span<byte> header = stackalloc byte[46];
        foreach (var entry in _entries)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, CentralHeaderSignature);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], VersionNeeded); // made by: MS-DOS, 2.0
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], VersionNeeded);
            BinaryPrimitives.WriteUInt16LittleEndian(header[8..], 0);
            BinaryPrimitives.WriteUInt16LittleEndian(header[10..], entry.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(header[12..], 0);
            BinaryPrimitives.WriteUInt16LittleEndian(header[14..], DosDate19800101);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], entry.Crc32);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], entry.CompressedSize);
            BinaryPrimitives.WriteUInt32LittleEndian(header[24..], entry.UncompressedSize);
            BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)entry.Name.Length);
            header[30..42].Clear(); // extra, comment, disk, internal and external attributes
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], entry.Offset);
            _target.Write(header);
            _target.Write(entry.Name);
        }

        var directoryEnd = _target.Position;
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, EndOfCentralDirectorySignature);
        BinaryPrimitives.WriteUInt16LittleEndian(end[4..], 0); // this disk
        BinaryPrimitives.WriteUInt16LittleEndian(end[6..], 0); // disk of the directory
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], checked((ushort)_entries.Count));
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], checked((ushort)_entries.Count));
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], ToUInt32(directoryEnd - directoryStart, "central directory"));
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], ToUInt32(directoryStart, "central directory offset"));
        BinaryPrimitives.WriteUInt16LittleEndian(end[20..], 0); // no comment
        _target.Write(end);
        _finished = true;
    }

    private static uint ToUInt32(long value, string what) =>
        value <= uint.MaxValue ? (uint)value : throw new IOException($"The zip's {what} passes 4 GiB ({value} bytes); zip64 is not written.");

    private void Close(EntryStream entry, uint crc, long compressedSize, long uncompressedSize)
    {
        var end = _target.Position;
        Span<byte> patch = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(patch, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(patch[4..], ToUInt32(compressedSize, $"entry '{entry.Name}'"));
        BinaryPrimitives.WriteUInt32LittleEndian(patch[8..], ToUInt32(uncompressedSize, $"entry '{entry.Name}'"));
        _target.Position = entry.Offset + LocalHeaderCrcOffset;
        _target.Write(patch);
        _target.Position = end;
        _entries.Add(new CentralEntry(entry.NameBytes, entry.Method, crc, (uint)compressedSize, (uint)uncompressedSize, ToUInt32(entry.Offset, $"offset of entry '{entry.Name}'")));
        _open = null;
    }

    /// <summary>An entry's record in the central directory.</summary>
    internal readonly record struct CentralEntry(byte[] Name, ushort Method, uint Crc32, uint CompressedSize, uint UncompressedSize, uint Offset);

    /// <summary>
    /// One entry's data: counted and checksummed on the way, then stored into the target, deflated into it by zlib-ng as it
    /// comes, or gathered (in a pooled buffer) and deflated by libdeflate when the entry is closed.
    /// </summary>
    private sealed class EntryStream : Stream
    {
        private readonly ZipWriter _zip;
        private readonly Crc32 _crc = new();
        private readonly DeflateStream? _deflate;
        private readonly int _libDeflateLevel;
        private readonly long _dataStart;
        private byte[]? _gathered;
        private long _uncompressed;
        private bool _closed;

        public EntryStream(ZipWriter zip, string name, byte[] nameBytes, ushort method, long offset, int level)
        {
            _zip = zip;
            Name = name;
            NameBytes = nameBytes;
            Method = method;
            Offset = offset;
            _dataStart = zip._target.Position;
            if (method == MethodDeflated && zip._libDeflate)
            {
                _libDeflateLevel = LibDeflate.LevelFor(level);
                _gathered = ArrayPool<byte>.Shared.Rent(64 * 1024);
            }
            else if (method == MethodDeflated)
            {
                _deflate = new DeflateStream(zip._target, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true);
            }
        }

        public string Name { get; }

        public byte[] NameBytes { get; }

        public ushort Method { get; }

        public long Offset { get; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => !_closed;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _uncompressed;
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _crc.Append(buffer);
            if (_gathered is not null)
            {
                Gather(buffer);
            }
            else if (_deflate is not null)
            {
                _deflate.Write(buffer);
            }
            else
            {
                _zip._target.Write(buffer);
            }

            _uncompressed += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_closed)
            {
                _closed = true;
                _deflate?.Dispose(); // flushes the last deflate block into the target
                if (_gathered is not null)
                {
                    try
                    {
                        LibDeflate.Compress(_gathered.AsSpan(0, (int)_uncompressed), _libDeflateLevel, _zip._target);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(_gathered);
                        _gathered = null;
                    }
                }

                _zip.Close(this, _crc.GetCurrentHashAsUInt32(), _zip._target.Position - _dataStart, _uncompressed);
            }

            base.Dispose(disposing);
        }

        /// <summary>Appends to the gathered bytes, in a larger pooled buffer when they do not fit.</summary>
        private void Gather(ReadOnlySpan<byte> buffer)
        {
            var length = (int)_uncompressed;
            if (length + buffer.Length > _gathered!.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(length + buffer.Length, 2 * _gathered.Length)));
                _gathered.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_gathered);
                _gathered = larger;
            }

            buffer.CopyTo(_gathered.AsSpan(length));
        }
    }
}
