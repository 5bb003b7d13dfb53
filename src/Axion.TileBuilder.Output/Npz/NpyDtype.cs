namespace Axion.TileBuilder.Output.Npz;

/// <summary>The element types axion-tiles writes and reads in <c>.npy</c> arrays (all little-endian).</summary>
public enum NpyDtype
{
    /// <summary>32-bit IEEE float, numpy descr <c>&lt;f4</c>.</summary>
    Float32,

    /// <summary>Unsigned byte, numpy descr <c>|u1</c>.</summary>
    UInt8,

    /// <summary>Unsigned 16-bit integer, numpy descr <c>&lt;u2</c>.</summary>
    UInt16,

    /// <summary>Signed 16-bit integer, numpy descr <c>&lt;i2</c>.</summary>
    Int16,

    /// <summary>Fixed-width unicode string of n UTF-32LE code points, numpy descr <c>&lt;U{n}</c>.</summary>
    Unicode,
}
