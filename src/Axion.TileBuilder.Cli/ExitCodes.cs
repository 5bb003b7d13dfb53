namespace Axion.TileBuilder.Cli;

/// <summary>The process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>A fatal error stopped the command (environment, catalog unreachable, bug).</summary>
    public const int Fatal = 1;

    /// <summary>Usage error or bad input (unknown option, unreadable CSV, invalid profile).</summary>
    public const int UsageOrBadInput = 2;

    /// <summary>The batch finished but some rows failed; see <c>axion-tiles status</c>.</summary>
    public const int FinishedWithFailures = 3;

    /// <summary>Cancelled by Ctrl+C or SIGTERM; the journal is consistent and <c>resume</c> continues.</summary>
    public const int Cancelled = 130;
}
