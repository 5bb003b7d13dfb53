using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>OGR spatial reference (ogr_srs_api.h) functions.</summary>
internal static unsafe partial class Native
{
    internal const int OGRERR_NONE = 0;
    internal const int OAMS_TRADITIONAL_GIS_ORDER = 0;

    [LibraryImport(LibraryName)]
    internal static partial SafeSpatialReferenceHandle OSRNewSpatialReference(nint wkt);

    [LibraryImport(LibraryName)]
    internal static partial void OSRDestroySpatialReference(nint srs);

    [LibraryImport(LibraryName)]
    internal static partial int OSRImportFromEPSG(SafeSpatialReferenceHandle srs, int epsg);

    /// <summary><paramref name="input"/> is a <c>char**</c> that GDAL advances; it is not freed by GDAL.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int OSRImportFromWkt(SafeSpatialReferenceHandle srs, nint* input);

    [LibraryImport(LibraryName)]
    internal static partial void OSRSetAxisMappingStrategy(SafeSpatialReferenceHandle srs, int strategy);

    /// <summary><paramref name="result"/> receives a string allocated by GDAL: free with <see cref="VSIFree"/>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int OSRExportToWkt(SafeSpatialReferenceHandle srs, nint* result);

    [LibraryImport(LibraryName)]
    internal static partial int OSRAutoIdentifyEPSG(SafeSpatialReferenceHandle srs);

    [LibraryImport(LibraryName)]
    internal static partial SafeSpatialReferenceHandle OSRClone(SafeSpatialReferenceHandle srs);

    [LibraryImport(LibraryName)]
    internal static partial SafeCoordinateTransformHandle OCTNewCoordinateTransformation(
        SafeSpatialReferenceHandle source, SafeSpatialReferenceHandle target);

    [LibraryImport(LibraryName)]
    internal static partial void OCTDestroyCoordinateTransformation(nint transform);

    /// <summary>Returns TRUE (non-zero) when every point transformed.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int OCTTransform(SafeCoordinateTransformHandle transform, int count, double* x, double* y, double* z);

    /// <summary>
    /// Returns an array of <paramref name="entries"/> SRS handles (free with <see cref="OSRFreeSRSArray"/>),
    /// sorted by decreasing confidence (0-100, array freed with <see cref="VSIFree"/>).
    /// </summary>
    [LibraryImport(LibraryName)]
    internal static partial nint* OSRFindMatches(SafeSpatialReferenceHandle srs, nint options, int* entries, int** confidences);

    [LibraryImport(LibraryName)]
    internal static partial void OSRFreeSRSArray(nint* list);

    /// <summary>Returns a <c>const char*</c> owned by the SRS (takes a raw handle: also used on OSRFindMatches results).</summary>
    [LibraryImport(LibraryName, EntryPoint = "OSRGetAuthorityName", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint OSRGetAuthorityNameRaw(nint srs, string? targetKey);

    /// <summary>Returns a <c>const char*</c> owned by the SRS (takes a raw handle: also used on OSRFindMatches results).</summary>
    [LibraryImport(LibraryName, EntryPoint = "OSRGetAuthorityCode", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint OSRGetAuthorityCodeRaw(nint srs, string? targetKey);
}
