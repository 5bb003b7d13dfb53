using System.Globalization;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>Maps numpy dtype strings to <see cref="NpyDtype"/> and back.</summary>
internal static class NpyDescr
{
    public const string Float32 = "<f4";
    public const string UInt8 = "|u1";
    public const string UInt16 = "<u2";
    public const string Int16 = "<i2";

    /// <summary>The descr of a string of <paramref name="length"/> code points, e.g. <c>&lt;U12</c>.</summary>
    public static string Unicode(int length) => "<U" + length.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a descr; throws <see cref="NpyFormatException"/> for anything outside the supported subset.</summary>
    public static (NpyDtype Dtype, int ItemSize) Parse(string descr)
    {
        if (descr.Length < 2)
        {
            throw Unsupported(descr, "too short");
        }

        var order = descr[0];
        var kind = descr[1];
        var sizeText = descr[2..];
        if (kind is 'O')
        {
            throw new NpyFormatException($"Unsupported dtype '{descr}': object arrays need pickle, which axion-tiles never loads.");
        }

        if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            throw Unsupported(descr, "no element size");
        }

        var bigEndian = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        var littleOrNone = order == '<' || order == '|' || (order == '=' && BitConverter.IsLittleEndian);
        if (!bigEndian && !littleOrNone)
        {
            throw Unsupported(descr, $"unknown byte order '{order}'");
        }

        (NpyDtype Dtype, int ItemSize) result = (kind, size) switch
        {
            ('f', 4) => (NpyDtype.Float32, 4),
            ('u', 1) => (NpyDtype.UInt8, 1),
            ('u', 2) => (NpyDtype.UInt16, 2),
            ('i', 2) => (NpyDtype.Int16, 2),
            ('U', _) when size <= int.MaxValue / 4 => (NpyDtype.Unicode, size * 4),
            _ => throw Unsupported(descr, "supported are <f4, |u1, <u2, <i2 and <U{n}"),
        };

        if (bigEndian && result.ItemSize > 1)
        {
            throw new NpyFormatException($"Unsupported dtype '{descr}': big-endian arrays are not supported (only little-endian).");
        }

        return result;
    }

    private static NpyFormatException Unsupported(string descr, string why)
        => new($"Unsupported dtype '{descr}': {why}.");
}
