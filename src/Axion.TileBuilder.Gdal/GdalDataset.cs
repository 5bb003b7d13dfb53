using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal.Interop;

namespace Axion.TileBuilder.Gdal;

/// <summary>
/// An open GDAL raster dataset (<c>GDALDatasetH</c>), closed by <see cref="Dispose"/> (or the finalizer).
/// </summary>
/// <remarks>
/// Not thread-safe: use one dataset (and its bands) from one thread at a time; open one handle per
/// worker instead of sharing. Bands keep the native dataset open while they are in a native call, and
/// any use after <see cref="Dispose"/> throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed class GdalDataset : IDisposable
{
    private readonly SafeDatasetHandle _handle;
    private readonly IReadOnlyList<GdalDataset> _sources;
    private volatile bool _disposed;

    private GdalDataset(SafeDatasetHandle handle, string path, IReadOnlyList<GdalDataset>? sources)
    {
        _handle = handle;
        _sources = sources ?? [];
        Path = path;
        Width = Native.GDALGetRasterXSize(handle);
        Height = Native.GDALGetRasterYSize(handle);
        BandCount = Native.GDALGetRasterCount(handle);
        DriverShortName = Utf8.FromConstPointer(Native.GDALGetDriverShortName(Native.GDALGetDatasetDriver(handle))) ?? string.Empty;
    }

    /// <summary>The path (or URL, or <c>/vsicurl/...</c>) the dataset was opened or created with; "" for MEM.</summary>
    public string Path { get; }

    /// <summary>Raster width, pixels.</summary>
    public int Width { get; }

    /// <summary>Raster height, pixels.</summary>
    public int Height { get; }

    /// <summary>Number of bands.</summary>
    public int BandCount { get; }

    /// <summary>Short name of the driver that holds the dataset (<c>GTiff</c>, <c>MEM</c>, <c>VRT</c>, ...).</summary>
    public string DriverShortName { get; }

    /// <summary>True once <see cref="Dispose"/> ran.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>The datasets this one was derived from (warp/translate/copy sources), kept referenced while this lives.</summary>
    public IReadOnlyList<GdalDataset> Sources => _sources;

    /// <summary>True when the dataset has a geotransform (otherwise <see cref="GeoTransform"/> is the identity).</summary>
    public unsafe bool HasGeoTransform
    {
        get
        {
            var coefficients = stackalloc double[6];
            return Native.GDALGetGeoTransform(Handle, coefficients) == Native.CE_None;
        }
    }

    /// <summary>The affine geotransform (GDAL order); <see cref="GeoTransform.Identity"/> when the dataset has none.</summary>
    /// <exception cref="GdalException">Setting fails (e.g. read-only dataset).</exception>
    public unsafe GeoTransform GeoTransform
    {
        get
        {
            var coefficients = stackalloc double[6];
            return Native.GDALGetGeoTransform(Handle, coefficients) == Native.CE_None
                ? GeoTransform.FromArray(new ReadOnlySpan<double>(coefficients, 6))
                : GeoTransform.Identity;
        }

        set
        {
            var coefficients = stackalloc double[6];
            value.ToArray().CopyTo(new Span<double>(coefficients, 6));
            Native.CPLErrorReset();
            if (Native.GDALSetGeoTransform(Handle, coefficients) != Native.CE_None)
            {
                throw GdalException.FromLastError($"Cannot set the geotransform of '{Path}' to {value}");
            }
        }
    }

    /// <summary>The CRS as WKT ("" when none). Set it with WKT, e.g. from <see cref="SpatialReference.ToWkt"/>.</summary>
    /// <exception cref="GdalException">Setting fails.</exception>
    public string ProjectionWkt
    {
        get => Utf8.FromConstPointer(Native.GDALGetProjectionRef(Handle)) ?? string.Empty;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Native.CPLErrorReset();
            if (Native.GDALSetProjection(Handle, value) != Native.CE_None)
            {
                throw GdalException.FromLastError($"Cannot set the projection of '{Path}'");
            }
        }
    }

    /// <summary>EPSG code of the CRS (authority code, or identified by OSR), or null when none or unknown.</summary>
    public int? Epsg
    {
        get
        {
            var wkt = ProjectionWkt;
            if (string.IsNullOrWhiteSpace(wkt))
            {
                return null;
            }

            try
            {
                using var srs = SpatialReference.FromWkt(wkt);
                return srs.Epsg;
            }
            catch (GdalException)
            {
                return null;
            }
        }
    }

    /// <summary>Number of ground control points (0 for ordinary geocoded rasters).</summary>
    public int GcpCount => Native.GDALGetGCPCount(Handle);

    /// <summary>WKT of the GCPs' CRS ("" when none).</summary>
    public string GcpProjectionWkt => Utf8.FromConstPointer(Native.GDALGetGCPProjection(Handle)) ?? string.Empty;

    /// <summary>The ground control points (pixel/line to <see cref="GcpProjectionWkt"/> coordinates); empty when none.</summary>
    public unsafe IReadOnlyList<GroundControlPoint> GetGcps()
    {
        var count = Native.GDALGetGCPCount(Handle);
        var gcps = Native.GDALGetGCPs(Handle);
        if (count <= 0 || gcps is null)
        {
            return [];
        }

        var result = new GroundControlPoint[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = new GroundControlPoint(gcps[i].Pixel, gcps[i].Line, gcps[i].X, gcps[i].Y, gcps[i].Z);
        }

        return result;
    }

    /// <summary>
    /// Opens a raster with <c>GDALOpenEx</c> (<c>GDAL_OF_RASTER | GDAL_OF_VERBOSE_ERROR</c>).
    /// </summary>
    /// <param name="path">File path, <c>/vsicurl/https://...</c>, or any GDAL connection string.</param>
    /// <param name="access">Read-only (default) or update.</param>
    /// <param name="allowedDrivers">Driver short names to try (e.g. <c>["GTiff"]</c>); null for all.</param>
    /// <param name="openOptions">Driver open options, <c>KEY=VALUE</c>; null for none.</param>
    /// <exception cref="GdalException">GDAL cannot open it; the message holds GDAL's reason.</exception>
    public static GdalDataset Open(
        string path,
        GdalAccess access = GdalAccess.ReadOnly,
        IReadOnlyList<string>? allowedDrivers = null,
        IReadOnlyList<string>? openOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        GdalRuntime.Initialize();
        var flags = Native.GDAL_OF_RASTER | Native.GDAL_OF_VERBOSE_ERROR
            | (access == GdalAccess.Update ? Native.GDAL_OF_UPDATE : Native.GDAL_OF_READONLY);

        using var drivers = SafeCslHandle.Create(allowedDrivers);
        using var options = SafeCslHandle.Create(openOptions);
        using var driversLease = new HandleLease(drivers);
        using var optionsLease = new HandleLease(options);
        Native.CPLErrorReset();
        var handle = Native.GDALOpenEx(path, flags, driversLease.Pointer, optionsLease.Pointer, 0);
        if (handle.IsInvalid)
        {
            var error = GdalException.FromLastError($"Cannot open '{path}' as a raster");
            handle.Dispose();
            throw error;
        }

        return new GdalDataset(handle, path, null);
    }

    /// <summary>Creates a new dataset with <c>GDALCreate</c> (drivers that support it: <c>MEM</c> with path "", <c>GTiff</c>, ...).</summary>
    /// <exception cref="GdalException">The driver is missing or creation fails.</exception>
    public static GdalDataset Create(
        string driverShortName,
        string path,
        int width,
        int height,
        int bandCount,
        GdalDataType type,
        IReadOnlyList<string>? creationOptions = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegative(bandCount);
        if (type == GdalDataType.Unknown || !Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Pick a concrete pixel type (Byte .. Float64).");
        }

        var driver = GetDriver(driverShortName);
        using var options = SafeCslHandle.Create(creationOptions);
        using var optionsLease = new HandleLease(options);
        Native.CPLErrorReset();
        var handle = Native.GDALCreate(driver, path, width, height, bandCount, (int)type, optionsLease.Pointer);
        if (handle.IsInvalid)
        {
            var error = GdalException.FromLastError(
                $"Cannot create {driverShortName} dataset '{path}' ({width} x {height} x {bandCount} {type})");
            handle.Dispose();
            throw error;
        }

        return new GdalDataset(handle, path, null);
    }

    /// <summary>
    /// Copies this dataset with <c>GDALCreateCopy</c>, e.g. driver <c>COG</c> with
    /// <c>["COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKSIZE=512", "OVERVIEWS=AUTO"]</c>. Returns the new dataset, open.
    /// </summary>
    /// <exception cref="GdalException">The driver is missing or the copy fails.</exception>
    public GdalDataset CreateCopy(string driverShortName, string path, IReadOnlyList<string>? creationOptions = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var driver = GetDriver(driverShortName);
        using var options = SafeCslHandle.Create(creationOptions);
        using var optionsLease = new HandleLease(options);
        Native.CPLErrorReset();
        var handle = Native.GDALCreateCopy(driver, path, Handle, 0, optionsLease.Pointer, 0, 0);
        if (handle.IsInvalid)
        {
            var error = GdalException.FromLastError($"Cannot copy '{Path}' to {driverShortName} '{path}'");
            handle.Dispose();
            throw error;
        }

        return FromDerivedHandle(handle, path, [this]);
    }

    /// <summary>A band, 1-based. The band keeps a reference to this dataset.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not 1..<see cref="BandCount"/>.</exception>
    public GdalBand GetBand(int index)
    {
        if (index < 1 || index > BandCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Band numbers run from 1 to {BandCount} in '{Path}'.");
        }

        Native.CPLErrorReset();
        var band = Native.GDALGetRasterBand(Handle, index);
        if (band == 0)
        {
            throw GdalException.FromLastError($"Cannot get band {index} of '{Path}'");
        }

        return new GdalBand(this, band, index);
    }

    /// <summary>One metadata item, e.g. <c>("LAYOUT", "IMAGE_STRUCTURE")</c>; null when absent. "" is the default domain.</summary>
    public string? GetMetadataItem(string key, string domain = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var lease = new HandleLease(Handle);
        return Utf8.FromConstPointer(Native.GDALGetMetadataItem(lease.Pointer, key, NullIfEmpty(domain)));
    }

    /// <summary>Sets one metadata item ("" is the default domain).</summary>
    /// <exception cref="GdalException">GDAL refuses.</exception>
    public void SetMetadataItem(string key, string value, string domain = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        using var lease = new HandleLease(Handle);
        Native.CPLErrorReset();
        if (Native.GDALSetMetadataItem(lease.Pointer, key, value, NullIfEmpty(domain)) != Native.CE_None)
        {
            throw GdalException.FromLastError($"Cannot set metadata item '{key}' of '{Path}'");
        }
    }

    /// <summary>All items of a metadata domain as <c>KEY=VALUE</c> strings ("" is the default domain).</summary>
    public IReadOnlyList<string> GetMetadata(string domain = "")
    {
        using var lease = new HandleLease(Handle);
        return Utf8.FromList(Native.GDALGetMetadata(lease.Pointer, NullIfEmpty(domain)));
    }

    /// <summary>Writes cached blocks to the file (also done by <see cref="Close"/> and <see cref="Dispose"/>).</summary>
    /// <exception cref="GdalException">A block could not be written (e.g. "No space left on device"); the message names the file.</exception>
    public void FlushCache()
    {
        var handle = Handle;
        using var capture = FailureCapture.Begin();
        Native.CPLErrorReset();
        Native.GDALFlushCache(handle);
        if (Native.CPLGetLastErrorType() >= Native.CE_Failure)
        {
            throw GdalException.FromLastError($"Cannot write '{Path}'", capture.Messages);
        }
    }

    /// <summary>
    /// Finishes writing and closes the dataset, and reports a failure: flushes the cached blocks, then
    /// <c>GDALClose</c> (which writes the rest, e.g. a GeoTIFF's directory). <c>GDALClose</c> returns nothing in GDAL
    /// 3.6, so the calling thread's GDAL error state is checked right after each call. Writers call this;
    /// <see cref="Dispose"/> closes without reporting. Does nothing when already closed.
    /// </summary>
    /// <remarks>
    /// Checked only when this call really closes the native dataset: not while a band is in a native call on
    /// another thread or a derived dataset still holds it (then the last of them closes it).
    /// </remarks>
    /// <exception cref="GdalException">Writing failed (e.g. "No space left on device"); the message names the file. The dataset is closed.</exception>
    public void Close()
    {
        if (_disposed)
        {
            return;
        }

        GdalException? failure = null;
        try
        {
            FlushCache();
        }
        catch (GdalException ex)
        {
            failure = ex;
        }

        _disposed = true;
        using (var capture = FailureCapture.Begin())
        {
            Native.CPLErrorReset();
            _handle.Dispose();
            if (failure is null && Native.CPLGetLastErrorType() >= Native.CE_Failure)
            {
                failure = GdalException.FromLastError($"Cannot finish writing '{Path}' (closing it)", capture.Messages);
            }
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>Closes the dataset (<c>GDALClose</c>, which also finishes writing) without reporting failures: writers call <see cref="Close"/>. Safe to call twice.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{DriverShortName} '{Path}' {Width} x {Height} x {BandCount}";

    /// <summary>The native handle; throws once the dataset is disposed (even while a derived VRT still holds it open).</summary>
    internal SafeDatasetHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle;
        }
    }

    /// <summary>
    /// Wraps a dataset derived from <paramref name="sources"/>. A VRT result reads from its sources at
    /// every access, so the native sources are kept open until the result is closed.
    /// </summary>
    internal static GdalDataset FromDerivedHandle(SafeDatasetHandle handle, string path, IReadOnlyList<GdalDataset> sources)
    {
        var dataset = new GdalDataset(handle, path, sources);
        if (string.Equals(dataset.DriverShortName, "VRT", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var source in sources)
            {
                handle.AddDependency(source.Handle);
            }
        }

        return dataset;
    }

    internal static string? NullIfEmpty(string? domain) => string.IsNullOrEmpty(domain) ? null : domain;

    private static nint GetDriver(string driverShortName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(driverShortName);
        GdalRuntime.Initialize();
        var driver = Native.GDALGetDriverByName(driverShortName);
        if (driver == 0)
        {
            // CPLE_NotSupported (6): this GDAL build has no such driver.
            throw new GdalException(
                FailureKind.Environment, GdalErrorClass.Failure, 6,
                $"GDAL driver '{driverShortName}' is not available in GDAL {GdalRuntime.VersionString}.");
        }

        return driver;
    }
}
