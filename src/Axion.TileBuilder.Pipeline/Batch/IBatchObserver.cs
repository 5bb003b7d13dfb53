namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>Receives progress of a batch (the command line draws it; tests record it).</summary>
public interface IBatchObserver
{
    /// <summary>The batch starts: <paramref name="total"/> rows in the journal, <paramref name="toProcess"/> of them to run now.</summary>
    void Started(int total, int alreadyDone, int toProcess);

    /// <summary>A row finished (done, failed or skipped).</summary>
    void RowFinished(RowReport report);
}
