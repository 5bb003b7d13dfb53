namespace Axion.TileBuilder.Gdal;

/// <summary>Pixel data types, with GDAL's <c>GDALDataType</c> numbers (complex types are not supported).</summary>
public enum GdalDataType
{
    /// <summary>Unknown or unsupported type.</summary>
    Unknown = 0,

    /// <summary>8-bit unsigned integer (<see cref="byte"/>).</summary>
    Byte = 1,

    /// <summary>16-bit unsigned integer (<see cref="ushort"/>).</summary>
    UInt16 = 2,

    /// <summary>16-bit signed integer (<see cref="short"/>).</summary>
    Int16 = 3,

    /// <summary>32-bit unsigned integer (<see cref="uint"/>).</summary>
    UInt32 = 4,

    /// <summary>32-bit signed integer (<see cref="int"/>).</summary>
    Int32 = 5,

    /// <summary>32-bit float (<see cref="float"/>).</summary>
    Float32 = 6,

    /// <summary>64-bit float (<see cref="double"/>).</summary>
    Float64 = 7,
}
