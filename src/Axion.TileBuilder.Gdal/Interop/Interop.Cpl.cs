using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>CPL (portability layer) functions: configuration, errors, memory, CSL lists, VSI curl.</summary>
internal static unsafe partial class Native
{
    internal const string LibraryName = "gdal";

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void CPLSetConfigOption(string key, string? value);

    /// <summary>Returns a <c>const char*</c> owned by GDAL. Pass <c>null</c> as default: a marshalled default would be freed before it is read.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint CPLGetConfigOption(string key, nint defaultValue);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void CPLSetThreadLocalConfigOption(string key, string? value);

    [LibraryImport(LibraryName)]
    internal static partial int CPLGetLastErrorNo();

    [LibraryImport(LibraryName)]
    internal static partial int CPLGetLastErrorType();

    /// <summary>Returns a <c>const char*</c> owned by GDAL (per thread).</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint CPLGetLastErrorMsg();

    [LibraryImport(LibraryName)]
    internal static partial void CPLErrorReset();

    /// <summary>Installs the process-wide error handler; returns the previous one.</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint CPLSetErrorHandler(delegate* unmanaged[Cdecl]<int, int, nint, void> handler);

    [LibraryImport(LibraryName)]
    internal static partial void VSIFree(nint pointer);

    /// <summary>Appends a copy of <paramref name="value"/>; the list may move: always keep the returned pointer.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint CSLAddString(nint list, string value);

    [LibraryImport(LibraryName)]
    internal static partial void CSLDestroy(nint list);

    /// <summary>Returns a CSL list owned by the caller: free with <see cref="CSLDestroy"/>.</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint VSIGetFileSystemsPrefixes();

    [LibraryImport(LibraryName)]
    internal static partial void VSICurlClearCache();

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VSICurlPartialClearCache(string prefix);
}
