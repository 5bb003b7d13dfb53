namespace Axion.TileBuilder.Output.Npz;

/// <summary>The parsed header of one <c>.npy</c> array.</summary>
/// <param name="Descr">numpy dtype string as written, e.g. <c>&lt;f4</c>, <c>|u1</c>, <c>&lt;U12</c>.</param>
/// <param name="Dtype">The element type.</param>
/// <param name="ItemSize">Bytes per element (4 per code point for <see cref="NpyDtype.Unicode"/>).</param>
/// <param name="Shape">Dimensions, C order; empty for a 0-d array.</param>
/// <param name="MajorVersion">Format major version: 1, 2 or 3.</param>
/// <param name="MinorVersion">Format minor version (0).</param>
/// <param name="DataOffset">Bytes from the start of the array to its data (magic + length + header).</param>
public sealed record NpyHeader(
    string Descr,
    NpyDtype Dtype,
    int ItemSize,
    IReadOnlyList<int> Shape,
    byte MajorVersion,
    byte MinorVersion,
    int DataOffset)
{
    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a 0-d array).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dim in Shape)
            {
                count = checked(count * dim);
            }

            return count;
        }
    }

    /// <summary>Length of the data in bytes.</summary>
    public long DataLength => checked(ElementCount * ItemSize);
}
