using System.Globalization;
using System.Text;

namespace Axion.TileBuilder.Journal.Internals;

/// <summary>
/// The exclusive advisory lock on <c>&lt;out&gt;/.axion.lock</c>: a <see cref="FileStream"/> opened with
/// <see cref="FileShare.None"/> (on Linux and macOS .NET takes <c>flock(LOCK_EX | LOCK_NB)</c>), kept open
/// while the journal is open. The kernel releases it when the process dies, even by <c>kill -9</c>.
/// The file itself is left in place on release: deleting it would let two processes lock two
/// different files of the same name.
/// </summary>
internal sealed class OutDirLock : IDisposable
{
    private readonly FileStream _stream;

    private OutDirLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file's full path.</summary>
    public string Path { get; }

    /// <summary>Takes the lock or throws <see cref="JournalLockedException"/>.</summary>
    public static OutDirLock Acquire(string outDir) => AcquireFile(System.IO.Path.Combine(outDir, BatchJournal.LockFileName), outDir);

    /// <summary>Takes the lock file <paramref name="path"/> guarding <paramref name="guarded"/> (named in the error) or throws <see cref="JournalLockedException"/>.</summary>
    public static OutDirLock AcquireFile(string path, string guarded)
    {
        var outDir = guarded;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new JournalLockedException(outDir, path, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw JournalThrow.Environment($"cannot create the lock file {path}: {ex.Message}", ex);
        }

        try
        {
            // For a person looking at the out dir: who holds it. Not read back by the tool.
            var note = Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}\n"));
            stream.SetLength(0);
            stream.Write(note);
            stream.Flush();
        }
        catch (IOException)
        {
            // The note is informational; the lock is what matters.
        }

        return new OutDirLock(stream, path);
    }

    public void Dispose() => _stream.Dispose();
}
