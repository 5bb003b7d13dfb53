using Axion.TileBuilder.Gdal.Interop;

namespace Axion.TileBuilder.Gdal;

/// <summary>
/// One band of a <see cref="GdalDataset"/> (1-based <see cref="Index"/>). The band handle belongs to
/// the dataset: every call holds the dataset's handle open for its duration, and any call after the
/// dataset was disposed throws <see cref="ObjectDisposedException"/>. Same threading rule as the dataset.
/// </summary>
public sealed class GdalBand
{
    private readonly nint _band;

    internal GdalBand(GdalDataset dataset, nint band, int index)
    {
        Dataset = dataset;
        _band = band;
        Index = index;
    }

    /// <summary>The dataset the band belongs to.</summary>
    public GdalDataset Dataset { get; }

    /// <summary>Band number, 1-based.</summary>
    public int Index { get; }

    /// <summary>Pixel type (<see cref="GdalDataType.Unknown"/> for types this layer does not map, e.g. complex).</summary>
    public GdalDataType DataType
    {
        get
        {
            using var lease = Lease();
            var type = (GdalDataType)Native.GDALGetRasterDataType(_band);
            return Enum.IsDefined(type) ? type : GdalDataType.Unknown;
        }
    }

    /// <summary>Band width, pixels.</summary>
    public int Width
    {
        get
        {
            using var lease = Lease();
            return Native.GDALGetRasterBandXSize(_band);
        }
    }

    /// <summary>Band height, pixels.</summary>
    public int Height
    {
        get
        {
            using var lease = Lease();
            return Native.GDALGetRasterBandYSize(_band);
        }
    }

    /// <summary>The natural block (tile or strip) size, pixels.</summary>
    public unsafe (int Width, int Height) BlockSize
    {
        get
        {
            using var lease = Lease();
            int x, y;
            Native.GDALGetBlockSize(_band, &x, &y);
            return (x, y);
        }
    }

    /// <summary>The nodata value, or null when the band has none.</summary>
    public unsafe double? NoDataValue
    {
        get
        {
            using var lease = Lease();
            var success = 0;
            var value = Native.GDALGetRasterNoDataValue(_band, &success);
            return success != 0 ? value : null;
        }
    }

    /// <summary>Number of overview levels.</summary>
    public int OverviewCount
    {
        get
        {
            using var lease = Lease();
            return Native.GDALGetOverviewCount(_band);
        }
    }

    /// <summary>Sets the nodata value.</summary>
    /// <exception cref="GdalException">GDAL refuses (e.g. read-only dataset).</exception>
    public void SetNoDataValue(double value)
    {
        using var lease = Lease();
        Native.CPLErrorReset();
        if (Native.GDALSetRasterNoDataValue(_band, value) != Native.CE_None)
        {
            throw GdalException.FromLastError($"Cannot set nodata {value} on band {Index} of '{Dataset.Path}'");
        }
    }

    /// <summary>One metadata item of the band, e.g. <c>("BLOCK_OFFSET_0_0", "TIFF")</c>; null when absent.</summary>
    public string? GetMetadataItem(string key, string domain = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var lease = Lease();
        return Utf8.FromConstPointer(Native.GDALGetMetadataItem(_band, key, GdalDataset.NullIfEmpty(domain)));
    }

    /// <summary>Reads a window at full resolution into <paramref name="buffer"/> (row-major, <c>xSize * ySize</c> values).</summary>
    /// <exception cref="GdalException">The window is outside the raster or the read fails (e.g. HTTP error).</exception>
    public void Read<T>(int xOff, int yOff, int xSize, int ySize, Span<T> buffer)
        where T : unmanaged =>
        Read(xOff, yOff, xSize, ySize, buffer, xSize, ySize);

    /// <summary>
    /// Reads a window (<c>GDALRasterIO</c>, <c>GF_Read</c>) resampled (nearest) to <paramref name="bufXSize"/> x
    /// <paramref name="bufYSize"/>, converting to <typeparamref name="T"/> (byte, ushort, short, uint, int, float, double).
    /// </summary>
    /// <exception cref="GdalException">The window is outside the raster or the read fails (e.g. HTTP error).</exception>
    public unsafe void Read<T>(int xOff, int yOff, int xSize, int ySize, Span<T> buffer, int bufXSize, int bufYSize)
        where T : unmanaged
    {
        var type = BufferType<T>();
        CheckWindow(xSize, ySize, bufXSize, bufYSize, buffer.Length);
        using var lease = Lease();
        Native.CPLErrorReset();
        int result;
        fixed (T* pointer = buffer)
        {
            result = Native.GDALRasterIO(
                _band, Native.GF_Read, xOff, yOff, xSize, ySize, pointer, bufXSize, bufYSize, (int)type, 0, 0);
        }

        if (result != Native.CE_None)
        {
            throw GdalException.FromLastError(
                $"Cannot read window x={xOff} y={yOff} {xSize} x {ySize} of band {Index} of '{Dataset.Path}'");
        }
    }

    /// <summary>Writes a window (<c>GDALRasterIO</c>, <c>GF_Write</c>) from a row-major buffer of <c>xSize * ySize</c> values.</summary>
    /// <exception cref="GdalException">The window is outside the raster or the write fails.</exception>
    public unsafe void Write<T>(int xOff, int yOff, int xSize, int ySize, ReadOnlySpan<T> buffer)
        where T : unmanaged
    {
        var type = BufferType<T>();
        CheckWindow(xSize, ySize, xSize, ySize, buffer.Length);
        using var lease = Lease();
        Native.CPLErrorReset();
        int result;
        fixed (T* pointer = buffer)
        {
            result = Native.GDALRasterIO(
                _band, Native.GF_Write, xOff, yOff, xSize, ySize, pointer, xSize, ySize, (int)type, 0, 0);
        }

        if (result != Native.CE_None)
        {
            throw GdalException.FromLastError(
                $"Cannot write window x={xOff} y={yOff} {xSize} x {ySize} of band {Index} of '{Dataset.Path}'");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"band {Index} of {Dataset}";

    internal static GdalDataType BufferType<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return GdalDataType.Byte;
        if (typeof(T) == typeof(ushort)) return GdalDataType.UInt16;
        if (typeof(T) == typeof(short)) return GdalDataType.Int16;
        if (typeof(T) == typeof(uint)) return GdalDataType.UInt32;
        if (typeof(T) == typeof(int)) return GdalDataType.Int32;
        if (typeof(T) == typeof(float)) return GdalDataType.Float32;
        if (typeof(T) == typeof(double)) return GdalDataType.Float64;
        throw new NotSupportedException(
            $"Pixel buffers of {typeof(T).Name} are not supported; use byte, ushort, short, uint, int, float or double.");
    }

    private static void CheckWindow(int xSize, int ySize, int bufXSize, int bufYSize, int bufferLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(xSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufXSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufYSize);
        var needed = (long)bufXSize * bufYSize;
        if (bufferLength < needed)
        {
            throw new ArgumentException(
                $"The buffer holds {bufferLength} values but {bufXSize} x {bufYSize} = {needed} are needed.", "buffer");
        }
    }

    private HandleLease Lease() => new(Dataset.Handle);
}
