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
/// <remarks>
/// <see cref="IsHeld"/> (used by read-only readers such as <c>status</c>) takes a shared lock for a moment;
/// so that such a probe cannot make a starting batch fail, <see cref="Acquire"/> tries
/// <see cref="AcquireAttempts"/> times, <see cref="AcquireRetryDelay"/> apart, before it reports the folder as in use.
/// </remarks>
internal sealed class OutDirLock : IDisposable
{
    /// <summary>Tries to take the lock before <see cref="Acquire"/> gives up (a reader's probe holds it for microseconds).</summary>
    public const int AcquireAttempts = 5;

    /// <summary>Wait between two tries of <see cref="Acquire"/>.</summary>
    public static readonly TimeSpan AcquireRetryDelay = TimeSpan.FromMilliseconds(20);

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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                break;
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                if (attempt >= AcquireAttempts)
                {
                    throw new JournalLockedException(outDir, path, ex);
                }

                Thread.Sleep(AcquireRetryDelay);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw JournalThrow.Environment($"cannot create the lock file {path}: {ex.Message}", ex);
            }
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

    /// <summary>
    /// Whether a process (this one included) holds the lock of <paramref name="outDir"/>: opens the lock file for
    /// reading with a shared lock, which fails while the exclusive one is held. The shared lock is released at
    /// once; a missing lock file is not created (false: no batch ever ran there, or none runs).
    /// </summary>
    public static bool IsHeld(string outDir) => IsHeldFile(System.IO.Path.Combine(outDir, BatchJournal.LockFileName));

    /// <summary>Whether a process holds the lock file <paramref name="path"/> (as <see cref="IsHeld"/>).</summary>
    public static bool IsHeldFile(string path)
    {
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

    public void Dispose() => _stream.Dispose();
}
