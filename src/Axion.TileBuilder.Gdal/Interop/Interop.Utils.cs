using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>gdal_utils.h: the library forms of gdalwarp and gdal_translate.</summary>
internal static unsafe partial class Native
{
    [LibraryImport(LibraryName)]
    internal static partial SafeWarpOptionsHandle GDALWarpAppOptionsNew(nint argv, nint optionsForBinary);

    [LibraryImport(LibraryName)]
    internal static partial void GDALWarpAppOptionsFree(nint options);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SafeDatasetHandle GDALWarp(
        string destination, nint destinationDataset, int sourceCount, nint* sources, SafeWarpOptionsHandle options, int* usageError);

    [LibraryImport(LibraryName)]
    internal static partial SafeTranslateOptionsHandle GDALTranslateOptionsNew(nint argv, nint optionsForBinary);

    [LibraryImport(LibraryName)]
    internal static partial void GDALTranslateOptionsFree(nint options);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SafeDatasetHandle GDALTranslate(
        string destination, SafeDatasetHandle source, SafeTranslateOptionsHandle options, int* usageError);
}
