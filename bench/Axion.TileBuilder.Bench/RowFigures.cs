using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Bench;

/// <summary>What <c>build</c> recorded for one row (from the batch journal).</summary>
internal sealed record RowFigures(string Id, long BytesRead, long Requests, double Seconds)
{
    /// <summary>The done rows of a finished batch; fails if any row did not finish.</summary>
    public static IReadOnlyList<RowFigures> Read(string outDir, int expectedRows)
    {
        using var journal = BatchJournal.Open(outDir, create: false);
        var done = journal.List(RowState.Done);
        if (done.Count != expectedRows)
        {
            var failed = journal.List(RowState.Failed).Select(r => $"{r.RowId}: {r.Reason}: {r.Message}").Take(5);
            throw new InvalidOperationException($"{done.Count} of {expectedRows} rows done in {outDir}; failed: {string.Join("; ", failed)}");
        }

        return [.. done.Select(r => new RowFigures(r.RowId, r.Outcome!.BytesRead, r.Outcome.Requests, r.Outcome.Seconds))];
    }
}
