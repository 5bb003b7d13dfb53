namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>A span of bytes in a file.</summary>
/// <param name="Offset">First byte, from the start of the file.</param>
/// <param name="Length">Bytes.</param>
public readonly record struct ByteRange(long Offset, long Length)
{
    /// <summary>The byte after the last one.</summary>
    public long End => Offset + Length;
}
