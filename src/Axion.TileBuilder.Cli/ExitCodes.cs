using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli;

/// <summary>The process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>A fatal error stopped the command (environment, catalog unreachable, bug).</summary>
    public const int Fatal = 1;

    /// <summary>Usage error or bad input (unknown option, unreadable or too large CSV, invalid profile, <c>--out</c> is a file).</summary>
    public const int UsageOrBadInput = 2;

    /// <summary>The batch finished but some rows failed; see <c>axion-tiles status</c>.</summary>
    public const int FinishedWithFailures = 3;

    /// <summary><c>--out</c> cannot be written: a read-only file system or no permission.</summary>
    public const int OutputNotWritable = 4;

    /// <summary><c>--out</c> (or the journal's folder) is on a device with no space left.</summary>
    public const int OutputFull = 5;

    /// <summary>Cancelled by Ctrl+C or SIGTERM; the journal is consistent and <c>resume</c> continues.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code of a command stopped by <paramref name="exception"/>.</summary>
    public static int For(AxionException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            OutputFolderException { Problem: OutputFolderProblem.NotWritable } => OutputNotWritable,
            OutputFolderException { Problem: OutputFolderProblem.Full } or JournalStorageException { IsDiskFull: true } => OutputFull,
            _ when exception.Kind == FailureKind.BadInput => UsageOrBadInput,
            _ => Fatal,
        };
    }
}
