using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>
/// Verifies the CRC-32 every zip entry of an <c>.npz</c> records against its (decompressed) bytes:
/// the zip reader does not, so a flipped byte in a stored array would otherwise go unnoticed.
/// </summary>
internal static class NpzIntegrity
{
    private const int BufferSize = 1 << 16;

    /// <summary>Null when every entry matches its CRC-32; otherwise a message naming the first bad entry.</summary>
    public static string? Verify(string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            foreach (var entry in zip.Entries)
            {
                var hash = new Crc32();
                long length = 0;
                using (var data = entry.Open())
                {
                    int read;
                    while ((read = data.Read(buffer, 0, BufferSize)) > 0)
                    {
                        hash.Append(buffer.AsSpan(0, read));
                        length += read;
                    }
                }

                var crc = hash.GetCurrentHashAsUInt32();

                if (crc != entry.Crc32 || length != entry.Length)
                {
                    return string.Create(
                        CultureInfo.InvariantCulture,
                        $"'{path}' is corrupt: entry '{entry.FullName}' has CRC-32 {crc:x8} and {length} bytes, but the zip records {entry.Crc32:x8} and {entry.Length}");
                }
            }

            return null;
        }
        catch (InvalidDataException ex)
        {
            return $"'{path}' is corrupt: {ex.Message}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
