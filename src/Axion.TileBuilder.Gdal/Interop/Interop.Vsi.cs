using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>cpl_vsi.h: large-file I/O on virtual files and the file system plugin API (GDAL &gt;= 3.0).</summary>
internal static unsafe partial class Native
{
    /// <summary>Returns a zeroed <c>VSIFilesystemPluginCallbacksStruct</c> of this GDAL's size; GDAL 3.6 keeps the pointer: never free it.</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint VSIAllocFilesystemPluginCallbacksStruct();

    /// <summary>GDAL keeps both pointers (the prefix is not copied): pass memory that lives as long as the process.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int VSIInstallPluginHandler(nint prefix, nint callbacks);

    /// <summary>Returns a <c>VSILFILE*</c> or 0; with <paramref name="setError"/> = 1 the reason is in <see cref="VSIGetLastErrorMsg"/>. Close with <see cref="VSIFCloseL"/>.</summary>
    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint VSIFOpenExL(string path, string access, int setError);

    /// <summary>The calling thread's last VSI error (not the CPL error): a <c>const char*</c> owned by GDAL.</summary>
    [LibraryImport(LibraryName)]
    internal static partial nint VSIGetLastErrorMsg();

    [LibraryImport(LibraryName)]
    internal static partial int VSIGetLastErrorNo();

    [LibraryImport(LibraryName)]
    internal static partial void VSIErrorReset();

    [LibraryImport(LibraryName)]
    internal static partial int VSIFCloseL(nint file);

    [LibraryImport(LibraryName)]
    internal static partial int VSIFSeekL(nint file, ulong offset, int whence);

    [LibraryImport(LibraryName)]
    internal static partial ulong VSIFTellL(nint file);

    [LibraryImport(LibraryName)]
    internal static partial nuint VSIFReadL(void* buffer, nuint size, nuint count, nint file);

    [LibraryImport(LibraryName)]
    internal static partial int VSIFReadMultiRangeL(int ranges, void** data, ulong* offsets, nuint* sizes, nint file);

    [LibraryImport(LibraryName)]
    internal static partial int VSIFEofL(nint file);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int VSIStatExL(string path, void* statBuffer, int flags);
}
