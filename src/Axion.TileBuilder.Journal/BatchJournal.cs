using System.Security.Cryptography;
using Axion.TileBuilder.Journal.Internals;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal;

/// <summary>
/// The per-row checkpoint journal of a batch: <c>&lt;out&gt;/journal.db</c> (SQLite; layout in
/// <see cref="JournalSchema"/>). <c>build</c> records the run and seeds the rows, workers move rows
/// through <see cref="RowState"/>, <c>resume</c> continues from <see cref="Claimable"/>, <c>status</c>
/// prints <see cref="Summarize"/>.
/// </summary>
/// <remarks>
/// <para>Durability: WAL mode, <c>synchronous=FULL</c>, and every state change in its own short
/// transaction, so a process killed at any moment (<c>kill -9</c>, power loss) leaves the last
/// committed state of each row; a row caught <c>running</c> is claimable again.</para>
/// <para>Threads: one instance may be shared by any number of worker threads of one process; all
/// calls go through one connection behind one lock (each call is short).</para>
/// <para>Processes: only one process may hold an out dir. <see cref="Open(string, bool)"/> takes an
/// exclusive advisory lock on <c>&lt;out&gt;/.axion.lock</c> for the life of the instance and throws
/// <see cref="JournalLockedException"/> when it is taken. <see cref="OpenReadOnly"/> takes no lock: it reads
/// while a batch writes (WAL lets readers in), for <c>status</c>.</para>
/// <para>The journal logs nothing; failure messages are stored as the caller passed them (the
/// caller redacts secrets).</para>
/// </remarks>
public sealed partial class BatchJournal : IDisposable
{
    /// <summary>The journal's file name inside the out dir.</summary>
    public const string FileName = "journal.db";

    /// <summary>The lock file's name inside the out dir.</summary>
    public const string LockFileName = ".axion.lock";

    /// <summary>How long a statement waits for a busy database before failing (milliseconds).</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly OutDirLock? _outLock;
    private readonly TimeProvider _clock;
    private readonly HashSet<string> _retryGrants = new(StringComparer.Ordinal);
    private RunInfo? _run;
    private bool _disposed;

    private BatchJournal(string outDir, string databasePath, SqliteConnection connection, OutDirLock? outLock, TimeProvider clock, RunInfo? run)
    {
        OutDir = outDir;
        DatabasePath = databasePath;
        _connection = connection;
        _outLock = outLock;
        _clock = clock;
        _run = run;
    }

    /// <summary>The out dir (full path).</summary>
    public string OutDir { get; }

    /// <summary>Full path of <c>journal.db</c>.</summary>
    public string DatabasePath { get; }

    /// <summary>Full path of the out dir's lock file (held by this instance unless <see cref="IsReadOnly"/>).</summary>
    public string LockPath => _outLock?.Path ?? Path.Combine(OutDir, LockFileName);

    /// <summary>True for an instance from <see cref="OpenReadOnly"/>: it holds no lock and every write fails.</summary>
    public bool IsReadOnly => _outLock is null;

    /// <summary>
    /// For an instance from <see cref="OpenReadOnly"/>: whether another process (a <c>build</c> or <c>resume</c>)
    /// held the out dir when it was opened, i.e. a batch was running. False for a locking instance.
    /// </summary>
    public bool WriterActive { get; private init; }

    /// <summary>The recorded run; null for a fresh journal (before <see cref="StartRun"/>).</summary>
    public RunInfo? Run
    {
        get
        {
            lock (_gate)
            {
                return _run;
            }
        }
    }

    /// <summary>Opens (and with <paramref name="create"/> creates) the journal of <paramref name="outDir"/> with the system clock.</summary>
    /// <inheritdoc cref="Open(string, bool, TimeProvider)"/>
    public static BatchJournal Open(string outDir, bool create) => Open(outDir, create, TimeProvider.System);

    /// <summary>
    /// Opens the journal of <paramref name="outDir"/>: takes the out dir's lock, opens
    /// <c>journal.db</c> and creates or upgrades its schema.
    /// </summary>
    /// <param name="outDir">The batch's out dir.</param>
    /// <param name="create">True for <c>build</c>: create the out dir and the journal when missing. False for
    /// <c>resume</c>/<c>status</c>: the journal must exist.</param>
    /// <param name="clock">Source of the UTC timestamps written to the journal.</param>
    /// <exception cref="JournalLockedException">Another process (or instance) holds the out dir.</exception>
    /// <exception cref="JournalStorageException">No journal (with <paramref name="create"/> false), not a journal,
    /// corrupt, from a newer axion-tiles, or not writable.</exception>
    public static BatchJournal Open(string outDir, bool create, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var fullOut = Path.GetFullPath(outDir);
        return OpenAt(fullOut, Path.Combine(fullOut, FileName), () => OutDirLock.Acquire(fullOut), create, clock);
    }

    /// <summary>
    /// Opens the journal file <paramref name="databasePath"/> of a batch whose out dir holds several journals (one per
    /// shard: <c>&lt;out&gt;/_journal/shard-K-of-N.db</c>). The lock is <c>&lt;databasePath&gt;.lock</c>, so the shards of one
    /// out dir run at the same time while each journal has one process.
    /// </summary>
    /// <param name="outDir">The batch's out dir (reported by <see cref="OutDir"/>).</param>
    /// <param name="databasePath">The journal file.</param>
    /// <param name="create">True: create its folder and the journal when missing. False: the journal must exist.</param>
    /// <param name="clock">Source of the UTC timestamps; the system clock when null.</param>
    /// <exception cref="JournalLockedException">Another process (or instance) holds this journal.</exception>
    /// <exception cref="JournalStorageException">As for <see cref="Open(string, bool, TimeProvider)"/>.</exception>
    public static BatchJournal OpenFile(string outDir, string databasePath, bool create, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullDb = Path.GetFullPath(databasePath);
        return OpenAt(Path.GetFullPath(outDir), fullDb, () => OutDirLock.AcquireFile(fullDb + ".lock", fullDb), create, clock ?? TimeProvider.System);
    }

    private static BatchJournal OpenAt(string fullOut, string dbPath, Func<OutDirLock> takeLock, bool create, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var folder = Path.GetDirectoryName(dbPath) ?? fullOut;
        if (create)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw JournalThrow.Environment($"cannot create the out dir {folder}: {ex.Message}", ex);
            }
        }
        else if (!File.Exists(dbPath))
        {
            throw JournalThrow.Environment($"no journal in {fullOut} ({dbPath} does not exist): run build first");
        }

        var outLock = takeLock();
        SqliteConnection? connection = null;
        try
        {
            connection = JournalConnection.Open(dbPath, create);
            var run = ReadRun(connection);
            var journal = new BatchJournal(fullOut, dbPath, connection, outLock, clock, run);
            connection = null;
            return journal;
        }
        catch (SqliteException ex)
        {
            outLock.Dispose();
            throw JournalThrow.Storage(dbPath, ex);
        }
        catch
        {
            outLock.Dispose();
            throw;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>
    /// Opens the journal of <paramref name="outDir"/> for reading only, without taking the out dir's lock, so it
    /// works while a <c>build</c> or <c>resume</c> holds it (<c>status</c>). Creates no file and changes nothing
    /// (SQLite's <c>immutable</c> mode when no batch runs and no <c>-wal</c> file exists; otherwise a read-only
    /// connection that reads the writer's WAL). Each read sees the last committed state at that moment.
    /// </summary>
    /// <remarks>
    /// One exception to "changes nothing": a journal written by an older axion-tiles (lower schema version) that no
    /// process holds is upgraded first, under the lock, as <c>resume</c> would do; while a process holds it, it is
    /// refused.
    /// </remarks>
    /// <exception cref="JournalStorageException">No journal in <paramref name="outDir"/>, not a journal, corrupt, from
    /// a newer axion-tiles, or from an older one while a batch of it runs.</exception>
    public static BatchJournal OpenReadOnly(string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var fullOut = Path.GetFullPath(outDir);
        return OpenReadOnlyAt(fullOut, Path.Combine(fullOut, FileName), Path.Combine(fullOut, LockFileName));
    }

    /// <summary>
    /// <see cref="OpenReadOnly(string)"/> for the journal file <paramref name="databasePath"/> of one shard
    /// (<see cref="OpenFile"/>; its lock is <c>&lt;databasePath&gt;.lock</c>).
    /// </summary>
    public static BatchJournal OpenReadOnlyFile(string outDir, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullDb = Path.GetFullPath(databasePath);
        return OpenReadOnlyAt(Path.GetFullPath(outDir), fullDb, fullDb + ".lock");
    }

    private static BatchJournal OpenReadOnlyAt(string fullOut, string dbPath, string lockPath)
    {
        if (!File.Exists(dbPath))
        {
            throw JournalThrow.Environment($"no journal in {fullOut} ({dbPath} does not exist): run build first");
        }

        var live = OutDirLock.IsHeldFile(lockPath);
        SqliteConnection? connection = null;
        try
        {
            (connection, var version) = JournalConnection.OpenReadOnly(dbPath, immutable: !live && !File.Exists(dbPath + "-wal"));
            if (version < JournalSchema.Version)
            {
                connection.Dispose();
                connection = null;
                if (live)
                {
                    throw JournalThrow.Environment(
                        $"journal {dbPath} has schema version {version}, older than this axion-tiles ({JournalSchema.Version}), and the batch that holds it is running: use the axion-tiles that runs it, or wait until it finishes");
                }

                using (lockPath == Path.Combine(fullOut, LockFileName) ? Open(fullOut, create: false) : OpenFile(fullOut, dbPath, create: false))
                {
                    // Opening under the lock brought the schema up to date.
                }

                return OpenReadOnlyAt(fullOut, dbPath, lockPath);
            }

            var run = ReadRun(connection);
            var journal = new BatchJournal(fullOut, dbPath, connection, null, TimeProvider.System, run) { WriterActive = live };
            connection = null;
            return journal;
        }
        catch (SqliteException ex)
        {
            throw JournalThrow.Storage(dbPath, ex);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>
    /// Whether a process (this one included) holds the lock of <paramref name="outDir"/>, i.e. a <c>build</c> or
    /// <c>resume</c> runs there. Creates nothing.
    /// </summary>
    public static bool IsInUse(string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        return OutDirLock.IsHeld(Path.GetFullPath(outDir));
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="csv"/>, read from its current position to the end.</summary>
    public static string HashCsv(Stream csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return Convert.ToHexStringLower(SHA256.HashData(csv));
    }

    /// <summary>Closes the database and releases the out dir's lock. Safe to call twice.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
            _outLock?.Dispose();
        }
    }

    /// <summary>Runs <paramref name="action"/> under the lock on the open connection; SQLite failures become <see cref="JournalStorageException"/>.</summary>
    private T Locked<T>(Func<SqliteConnection, T> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return action(_connection);
            }
            catch (SqliteException ex)
            {
                throw JournalThrow.Storage(DatabasePath, ex);
            }
        }
    }

    /// <summary>For tests: the value of a connection setting of the open connection (synchronous, busy_timeout, ...).</summary>
    internal object? ReadPragma(string name) => Locked(connection => JournalConnection.Scalar(connection, "PRAGMA " + name + ";"));

    private string Now() => Timestamps.ToText(_clock.GetUtcNow());
}
