using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal;

/// <summary>
/// Another process (or another open <see cref="BatchJournal"/>) holds the out dir's lock file.
/// </summary>
public sealed class JournalLockedException : AxionException
{
    public JournalLockedException(string outDir, string lockPath, Exception? innerException = null)
        : base(
            FailureKind.Environment,
            $"another axion-tiles process is using {outDir} (lock file {lockPath}); wait for it to finish or use another --out",
            innerException)
    {
        OutDir = outDir;
        LockPath = lockPath;
    }

    /// <summary>The out dir that is in use.</summary>
    public string OutDir { get; }

    /// <summary>The lock file that could not be taken.</summary>
    public string LockPath { get; }

    public override string Reason => "out_dir_locked";
}
