using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>GDAL core (driver manager, datasets, bands) functions.</summary>
internal static unsafe partial class Native
{
    internal const uint GDAL_OF_READONLY = 0x00;
    internal const uint GDAL_OF_UPDATE = 0x01;
    internal const uint GDAL_OF_RASTER = 0x02;
    internal const uint GDAL_OF_VERBOSE_ERROR = 0x40;

    internal const int GF_Read = 0;
    internal const int GF_Write = 1;

    internal const int CE_None = 0;

    /// <summary><c>CE_Failure</c>: the error class from which a call has failed (<c>CE_Fatal</c> = 4 is worse).</summary>
    internal const int CE_Failure = 3;

    [LibraryImport(LibraryName)]
    internal static partial void GDALAllRegister();

    /// <summary>Returns a <c>const char*</c> owned by GDAL.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALVersionInfo(string request);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALGetDriverByName(string name);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SafeDatasetHandle GDALOpenEx(
        string fileName, uint openFlags, nint allowedDrivers, nint openOptions, nint siblingFiles);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SafeDatasetHandle GDALCreate(
        nint driver, string fileName, int xSize, int ySize, int bands, int dataType, nint options);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SafeDatasetHandle GDALCreateCopy(
        nint driver, string fileName, SafeDatasetHandle source, int strict, nint options, nint progress, nint progressData);

    /// <summary>void in GDAL 3.6 (CPLErr from 3.8); the return value is not read.</summary>
    [LibraryImport(LibraryName)]
    internal static partial void GDALClose(nint dataset);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetRasterXSize(SafeDatasetHandle dataset);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetRasterYSize(SafeDatasetHandle dataset);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetRasterCount(SafeDatasetHandle dataset);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetGeoTransform(SafeDatasetHandle dataset, double* transform);

    [LibraryImport(LibraryName)]
    internal static partial int GDALSetGeoTransform(SafeDatasetHandle dataset, double* transform);

    /// <summary>Returns a <c>const char*</c> owned by the dataset.</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint GDALGetProjectionRef(SafeDatasetHandle dataset);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GDALSetProjection(SafeDatasetHandle dataset, string wkt);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetGCPCount(SafeDatasetHandle dataset);

    /// <summary>Returns a <c>const char*</c> owned by the dataset.</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint GDALGetGCPProjection(SafeDatasetHandle dataset);

    /// <summary>Returns a <c>const GDAL_GCP*</c> array of <see cref="GDALGetGCPCount"/> entries owned by the dataset.</summary>
    [LibraryImport(LibraryName)]
    internal static partial GdalGcpNative* GDALGetGCPs(SafeDatasetHandle dataset);

    /// <summary>void in GDAL 3.6 (CPLErr from 3.7); the return value is not read.</summary>
    [LibraryImport(LibraryName)]
    internal static partial void GDALFlushCache(SafeDatasetHandle dataset);

    [LibraryImport(LibraryName)]
    internal static partial nint GDALGetRasterBand(SafeDatasetHandle dataset, int band);

    /// <summary>Works on any GDALMajorObjectH (dataset or band). Returns a <c>const char*</c> owned by the object.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALGetMetadataItem(nint majorObject, string name, string? domain);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GDALSetMetadataItem(nint majorObject, string name, string? value, string? domain);

    /// <summary>Returns a <c>char**</c> owned by the object (do not free).</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALGetMetadata(nint majorObject, string? domain);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetRasterDataType(nint band);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetRasterBandXSize(nint band);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetRasterBandYSize(nint band);

    [LibraryImport(LibraryName)]
    internal static partial void GDALGetBlockSize(nint band, int* xSize, int* ySize);

    [LibraryImport(LibraryName)]
    internal static partial double GDALGetRasterNoDataValue(nint band, int* success);

    [LibraryImport(LibraryName)]
    internal static partial int GDALSetRasterNoDataValue(nint band, double value);

    [LibraryImport(LibraryName)]
    internal static partial int GDALGetOverviewCount(nint band);

    [LibraryImport(LibraryName)]
    internal static partial int GDALRasterIO(
        nint band, int rwFlag, int xOff, int yOff, int xSize, int ySize,
        void* buffer, int bufXSize, int bufYSize, int bufType, int pixelSpace, int lineSpace);

    [LibraryImport(LibraryName)]
    internal static partial nint GDALGetDatasetDriver(SafeDatasetHandle dataset);

    /// <summary>Returns a <c>const char*</c> owned by the driver.</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint GDALGetDriverShortName(nint driver);
}
