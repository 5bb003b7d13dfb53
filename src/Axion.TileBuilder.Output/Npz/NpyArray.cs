using System.Text;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>One array read from a <c>.npy</c> file or <c>.npz</c> entry: its header and raw little-endian data.</summary>
public sealed class NpyArray
{
    private readonly byte[] _data;

    internal NpyArray(NpyHeader header, byte[] data)
    {
        Header = header;
        _data = data;
    }

    /// <summary>The parsed header.</summary>
    public NpyHeader Header { get; }

    /// <summary>numpy dtype string, e.g. <c>&lt;f4</c>.</summary>
    public string Descr => Header.Descr;

    /// <summary>The element type.</summary>
    public NpyDtype Dtype => Header.Dtype;

    /// <summary>Dimensions, C order; empty for a 0-d array.</summary>
    public IReadOnlyList<int> Shape => Header.Shape;

    /// <summary>Number of elements.</summary>
    public long Length => Header.ElementCount;

    /// <summary>The raw data bytes (little-endian, C order).</summary>
    public ReadOnlySpan<byte> RawData => _data;

    /// <summary>The data as float32; throws <see cref="InvalidOperationException"/> for another dtype.</summary>
    public float[] AsFloat32() => As<float>(NpyDtype.Float32);

    /// <summary>The data as uint8; throws <see cref="InvalidOperationException"/> for another dtype.</summary>
    public byte[] AsUInt8() => As<byte>(NpyDtype.UInt8);

    /// <summary>The data as uint16; throws <see cref="InvalidOperationException"/> for another dtype.</summary>
    public ushort[] AsUInt16() => As<ushort>(NpyDtype.UInt16);

    /// <summary>The data as int16; throws <see cref="InvalidOperationException"/> for another dtype.</summary>
    public short[] AsInt16() => As<short>(NpyDtype.Int16);

    /// <summary>
    /// The value of a 0-d (or one-element) unicode array, trailing NULs removed as numpy does.
    /// Throws <see cref="InvalidOperationException"/> for another dtype or shape.
    /// </summary>
    public string AsString()
    {
        Require(NpyDtype.Unicode);
        if (Length != 1)
        {
            throw new InvalidOperationException($"The array has shape {NpyFormat.ShapeRepr(Shape.ToArray())}; AsString needs a single string.");
        }

        var end = _data.Length;
        while (end >= 4 && _data[end - 1] == 0 && _data[end - 2] == 0 && _data[end - 3] == 0 && _data[end - 4] == 0)
        {
            end -= 4;
        }

        try
        {
            return StrictUtf32.GetString(_data, 0, end);
        }
        catch (DecoderFallbackException ex)
        {
            throw new NpyFormatException($"The '{Descr}' array holds an invalid code point.", ex);
        }
    }

    internal static readonly UTF32Encoding StrictUtf32 = new(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);

    private T[] As<T>(NpyDtype dtype)
        where T : unmanaged
    {
        Require(dtype);
        return LittleEndianData.Read<T>(_data);
    }

    private void Require(NpyDtype dtype)
    {
        if (Dtype != dtype)
        {
            throw new InvalidOperationException($"The array has dtype '{Descr}' ({Dtype}), not {dtype}.");
        }
    }
}
