using System.Buffers;
using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Output.IO;

/// <summary>
/// Whole-buffer DEFLATE through libdeflate (<c>libdeflate.so.0</c>, Debian's <c>libdeflate0</c>, which GDAL itself depends
/// on), for zip entries: at the same output size it takes about 40 % of the CPU of .NET's zlib-ng on float32 tiles
/// (docs/benchmarks.md, "DEFLATE level of the tiles"). <see cref="ZipWriter"/> falls back to zlib-ng when the library
/// cannot be loaded.
/// </summary>
internal static partial class LibDeflate
{
    private const string LibraryName = "libdeflate.so.0";

    /// <summary><see cref="LevelFor"/>'s table, by zlib level (0 unused).</summary>
    private static readonly int[] LevelByZlibLevel = [0, 1, 1, 2, 3, 4, 4, 6, 6, 7];

    private static readonly Lazy<bool> Loaded = new(() => NativeLibrary.TryLoad(LibraryName, typeof(LibDeflate).Assembly, null, out _));

    /// <summary>One compressor per thread and level (a compressor is not thread-safe; allocating one costs more than a small entry).</summary>
    [ThreadStatic]
    private static Dictionary<int, nint>? _compressors;

    /// <summary>True when libdeflate can be loaded.</summary>
    public static bool Available => Loaded.Value;

    /// <summary>
    /// The libdeflate level for zlib level 1-9: the fastest one that writes float32 tiles no larger than zlib does at that level
    /// (measured on the benchmark's tiles, docs/benchmarks.md): zlib 1 and 2 take libdeflate's 1 (0.587 of the raw size, as
    /// zlib's 2), zlib 6 its 4, zlib 9 its 7. libdeflate's 8 and 9 are left out: on these tiles they write more than its 7.
    /// </summary>
    public static int LevelFor(int zlibLevel) => LevelByZlibLevel[Math.Clamp(zlibLevel, 1, 9)];

    /// <summary>Deflates <paramref name="data"/> as one raw DEFLATE stream at libdeflate <paramref name="level"/> into <paramref name="target"/>.</summary>
    public static void Compress(ReadOnlySpan<byte> data, int level, Stream target)
    {
        var compressor = CompressorFor(level);
        var bound = checked((int)DeflateCompressBound(compressor, (nuint)data.Length));
        var output = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var written = (int)DeflateCompress(compressor, data, (nuint)data.Length, output, (nuint)bound);
            if (written == 0)
            {
                throw new InvalidOperationException($"libdeflate could not deflate {data.Length} bytes into its own bound of {bound}");
            }

            target.Write(output, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static nint CompressorFor(int level)
    {
        _compressors ??= [];
        if (!_compressors.TryGetValue(level, out var compressor))
        {
            compressor = AllocCompressor(level);
            if (compressor == 0)
            {
                throw new OutOfMemoryException($"libdeflate could not allocate a compressor of level {level}");
            }

            _compressors[level] = compressor;
        }

        return compressor;
    }

    [LibraryImport(LibraryName, EntryPoint = "libdeflate_alloc_compressor")]
    private static partial nint AllocCompressor(int level);

    [LibraryImport(LibraryName, EntryPoint = "libdeflate_deflate_compress_bound")]
    private static partial nuint DeflateCompressBound(nint compressor, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "libdeflate_deflate_compress")]
    private static partial nuint DeflateCompress(nint compressor, ReadOnlySpan<byte> input, nuint length, byte[] output, nuint available);
}
