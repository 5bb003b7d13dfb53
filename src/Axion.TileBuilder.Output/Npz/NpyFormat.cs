using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>
/// The <c>.npy</c> header as numpy writes it: magic <c>\x93NUMPY</c>, version 1.0 (2.0 when the
/// header outgrows 65535 bytes), the header length, then a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (256, 256), }</c> padded with spaces and a
/// final newline so that the data starts on a 64-byte boundary. Like numpy &gt;= 1.23 the dict is
/// followed by spare spaces for growing the first axis, so headers are byte-identical to
/// <c>np.save</c>.
/// </summary>
public static class NpyFormat
{
    /// <summary>Data alignment numpy uses: 64 bytes.</summary>
    public const int Alignment = 64;

    /// <summary>Spare digits numpy reserves for the first axis (numpy's GROWTH_AXIS_MAX_DIGITS).</summary>
    private const int GrowthAxisMaxDigits = 21;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes the header of a C-order array of <paramref name="descr"/> and <paramref name="shape"/>.</summary>
    public static void WriteHeader(Stream s, string descr, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(s);
        s.Write(BuildHeader(descr, shape));
    }

    /// <summary>The header bytes <see cref="WriteHeader"/> writes.</summary>
    public static byte[] BuildHeader(string descr, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(descr);
        _ = NpyDescr.Parse(descr);
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), dim, "Array dimensions must be >= 0.");
            }
        }

        var text = new StringBuilder("{'descr': '").Append(descr).Append("', 'fortran_order': False, 'shape': ");
        text.Append(ShapeRepr(shape)).Append(", }");
        if (shape.Length > 0)
        {
            var first = shape[0].ToString(CultureInfo.InvariantCulture);
            text.Append(' ', Math.Max(0, GrowthAxisMaxDigits - first.Length));
        }

        var dict = Encoding.Latin1.GetBytes(text.ToString());
        var version = 1;
        var prefixLength = Magic.Length + 2 + 2;
        var padding = Alignment - ((prefixLength + dict.Length + 1) % Alignment);
        var headerLength = dict.Length + padding + 1;
        if (headerLength > ushort.MaxValue)
        {
            version = 2;
            prefixLength = Magic.Length + 2 + 4;
            padding = Alignment - ((prefixLength + dict.Length + 1) % Alignment);
            headerLength = dict.Length + padding + 1;
        }

        var result = new byte[prefixLength + headerLength];
        Magic.CopyTo(result);
        result[6] = (byte)version;
        result[7] = 0;
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)headerLength);
        }

        dict.CopyTo(result, prefixLength);
        result.AsSpan(prefixLength + dict.Length, padding).Fill((byte)' ');
        result[^1] = (byte)'\n';
        return result;
    }

    /// <summary>Reads and validates a header; the stream is left at the first data byte.</summary>
    public static NpyHeader ReadHeader(Stream s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(s, prefix, "magic");
        if (!prefix[..6].SequenceEqual(Magic))
        {
            throw new NpyFormatException($"Not a .npy array: the magic is '{Convert.ToHexString(prefix[..6])}', expected '934E554D5059' (\\x93NUMPY).");
        }

        var major = prefix[6];
        var minor = prefix[7];
        int lengthSize = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new NpyFormatException($"Unsupported .npy format version {major}.{minor} (supported 1.0, 2.0, 3.0)."),
        };
        Span<byte> lengthBytes = stackalloc byte[4];
        ReadExactly(s, lengthBytes[..lengthSize], "header length");
        long headerLength = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > 1 << 20)
        {
            throw new NpyFormatException($"The .npy header is {headerLength} bytes long; refusing headers over 1 MiB.");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(s, headerBytes, "header");
        var text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        var dict = NpyHeaderParser.Parse(text);
        var (dtype, itemSize) = NpyDescr.Parse(dict.Descr);
        if (dict.FortranOrder)
        {
            throw new NpyFormatException($"Unsupported .npy array: fortran_order is True (shape {ShapeRepr(dict.Shape.ToArray())}); only C order is read.");
        }

        var header = new NpyHeader(dict.Descr, dtype, itemSize, dict.Shape, major, minor, checked((int)(8 + lengthSize + headerLength)));
        try
        {
            _ = header.DataLength;
        }
        catch (OverflowException ex)
        {
            throw new NpyFormatException($"The .npy shape {ShapeRepr(dict.Shape.ToArray())} is too large.", ex);
        }

        return header;
    }

    /// <summary>Reads a whole array (header and data) from <paramref name="s"/>.</summary>
    public static NpyArray ReadArray(Stream s)
    {
        var header = ReadHeader(s);
        if (header.DataLength > Array.MaxLength)
        {
            throw new NpyFormatException($"The .npy array holds {header.DataLength} bytes; at most {Array.MaxLength} can be loaded.");
        }

        var data = new byte[header.DataLength];
        ReadExactly(s, data, "data");
        return new NpyArray(header, data);
    }

    /// <summary>Python's repr of a shape tuple: <c>()</c>, <c>(3,)</c>, <c>(256, 256)</c>.</summary>
    internal static string ShapeRepr(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 0)
        {
            return "()";
        }

        if (shape.Length == 1)
        {
            return "(" + shape[0].ToString(CultureInfo.InvariantCulture) + ",)";
        }

        var parts = new string[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return "(" + string.Join(", ", parts) + ")";
    }

    private static void ReadExactly(Stream s, Span<byte> buffer, string what)
    {
        try
        {
            s.ReadExactly(buffer);
        }
        catch (EndOfStreamException ex)
        {
            throw new NpyFormatException($"The .npy array is truncated (while reading its {what}).", ex);
        }
    }
}
