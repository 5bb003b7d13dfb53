using System.Buffers;
using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>Writes and reads spans of numbers as little-endian bytes on any host.</summary>
internal static class LittleEndianData
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Writes <paramref name="data"/> as little-endian bytes, without copying on little-endian hosts.</summary>
    public static void Write<T>(Stream s, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(data);
        var size = Marshal.SizeOf<T>();
        if (BitConverter.IsLittleEndian || size == 1)
        {
            s.Write(bytes);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var chunk = ChunkBytes / size * size;
            for (var offset = 0; offset < bytes.Length; offset += chunk)
            {
                var length = Math.Min(chunk, bytes.Length - offset);
                var part = buffer.AsSpan(0, length);
                bytes.Slice(offset, length).CopyTo(part);
                Reverse(part, size);
                s.Write(part);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Converts little-endian bytes to an array of <typeparamref name="T"/>.</summary>
    public static T[] Read<T>(ReadOnlySpan<byte> bytes)
        where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        var result = new T[bytes.Length / size];
        var target = MemoryMarshal.AsBytes(result.AsSpan());
        bytes[..target.Length].CopyTo(target);
        if (!BitConverter.IsLittleEndian && size > 1)
        {
            Reverse(target, size);
        }

        return result;
    }

    private static void Reverse(Span<byte> bytes, int size)
    {
        for (var i = 0; i + size <= bytes.Length; i += size)
        {
            bytes.Slice(i, size).Reverse();
        }
    }
}
