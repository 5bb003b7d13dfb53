using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>
/// Tells whether a process holds a folder's <c>.axion.lock</c> (a batch is running): opens it for
/// reading with a shared lock, which fails while another handle holds the exclusive one. The shared
/// lock is released at once and the file is never created.
/// </summary>
internal static class FolderLockProbe
{
    public static bool IsHeld(string directory)
    {
        var path = Path.Combine(directory, BatchJournal.LockFileName);
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            return false;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
