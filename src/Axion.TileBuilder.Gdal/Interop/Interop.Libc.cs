using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>The C library's allocator (glibc on the supported Linux systems).</summary>
internal static partial class Libc
{
    private const string LibraryName = "libc.so.6";

    /// <summary>Returns free memory of every malloc arena to the system; 1 if any was released.</summary>
    [LibraryImport(LibraryName, EntryPoint = "malloc_trim")]
    internal static partial int MallocTrim(nuint pad);

    /// <summary><c>mallopt(M_ARENA_MAX, n)</c>: at most n malloc arenas from now on; 1 on success.</summary>
    internal const int MArenaMax = -8;

    [LibraryImport(LibraryName, EntryPoint = "mallopt")]
    internal static partial int MallOpt(int parameter, int value);
}
