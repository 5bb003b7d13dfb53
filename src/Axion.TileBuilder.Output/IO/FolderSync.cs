using System.Globalization;
using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Output.IO;

/// <summary>
/// Makes the entries of a folder durable: after a file is renamed into a folder, the new name is only on disk
/// once the folder itself is flushed (<c>fsync</c> of the file makes its bytes durable, not its name). A power
/// loss right after a rename could otherwise bring back the old file, or no file, under a name the journal
/// already recorded as written.
/// </summary>
public static class FolderSync
{
    /// <summary>
    /// Flushes <paramref name="directory"/> to disk: <c>open(O_RDONLY | O_DIRECTORY)</c> and <c>fsync</c> on Linux.
    /// A file system that cannot sync a folder (<c>EINVAL</c>) is accepted, as databases do. Elsewhere a no-op
    /// (Windows cannot open a folder for flushing; its file systems journal renames themselves).
    /// </summary>
    /// <exception cref="IOException">The folder cannot be opened or flushed; the message names it and the system's reason.</exception>
    public static void Flush(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Libc.Open(directory, Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec);
        if (fd < 0)
        {
            throw Failure("open", directory, Marshal.GetLastPInvokeError());
        }

        try
        {
            if (Libc.Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != Libc.EInval)
            {
                throw Failure("flush", directory, errno);
            }
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static IOException Failure(string what, string directory, int errno) => new(
        string.Create(CultureInfo.InvariantCulture, $"Cannot {what} the folder '{directory}' to make its files durable: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"),
        errno);
}
