using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>The exit code of a command stopped by each kind of error (README, "Exit codes"; the Job's failure policy).</summary>
public sealed class ExitCodesTests
{
    [Fact]
    public void A_full_device_is_exit_5_whether_a_tile_or_the_journal_met_it()
    {
        Assert.Equal(ExitCodes.OutputFull, ExitCodes.For(new OutputFolderException(OutputFolderProblem.Full, "--out /x: no space left")));
        Assert.Equal(ExitCodes.OutputFull, ExitCodes.For(new JournalStorageException(FailureKind.Environment, "journal /x/journal.db: no space left", JournalStorageException.SqliteFull)));
    }

    [Theory]
    [InlineData(10)] // SQLITE_IOERR
    [InlineData(26)] // SQLITE_NOTADB
    public void Any_other_journal_storage_error_is_fatal(int sqliteErrorCode)
    {
        Assert.Equal(ExitCodes.Fatal, ExitCodes.For(new JournalStorageException(FailureKind.Environment, "journal /x/journal.db: damaged", sqliteErrorCode)));
    }

    [Fact]
    public void A_read_only_out_is_exit_4_and_bad_input_exit_2()
    {
        Assert.Equal(ExitCodes.OutputNotWritable, ExitCodes.For(new OutputFolderException(OutputFolderProblem.NotWritable, "--out /x is not writable")));
        Assert.Equal(ExitCodes.UsageOrBadInput, ExitCodes.For(new AxionException(FailureKind.BadInput, "bad")));
    }
}
