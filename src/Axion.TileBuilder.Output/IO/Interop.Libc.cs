using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Output.IO;

/// <summary>The C library's file calls the .NET file API lacks (opening and syncing a folder). Linux only.</summary>
internal static partial class Libc
{
    private const string LibraryName = "libc.so.6";

    /// <summary><c>O_RDONLY</c>.</summary>
    internal const int ORdOnly = 0;

    /// <summary><c>O_CLOEXEC</c> (02000000 on every Linux architecture .NET runs on).</summary>
    internal const int OCloExec = 0x80000;

    /// <summary><c>EINVAL</c>: the file system cannot sync this kind of file (a folder on some network file systems).</summary>
    internal const int EInval = 22;

    /// <summary><c>O_DIRECTORY</c>: 0200000 on x86 and x64, 040000 on Arm and Arm64.</summary>
    internal static int ODirectory => RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 ? 0x4000 : 0x10000;

    [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(LibraryName, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fd);

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
