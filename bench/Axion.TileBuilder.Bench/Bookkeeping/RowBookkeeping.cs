using System.Diagnostics;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Bench.Bookkeeping;

/// <summary>What the bookkeeping of one row cost, milliseconds (mean over the rows of one measurement).</summary>
/// <param name="ClaimMs">Journal: pending to running (one fsync'd transaction).</param>
/// <param name="CleanupMs">Before the attempt: the row's leftover tiles and quicklook deleted by name (<see cref="RowFileCleanup.BeforeAttempt"/>).</param>
/// <param name="DoneMs">Journal: running to done with the row's outcome (one fsync'd transaction).</param>
/// <param name="IndexMs">The index files streamed from the journal at the end of the run, divided by the rows.</param>
internal sealed record RowBookkeepingCost(double ClaimMs, double CleanupMs, double DoneMs, double IndexMs)
{
    /// <summary>All of it.</summary>
    public double TotalMs => ClaimMs + CleanupMs + DoneMs + IndexMs;
}

/// <summary>
/// The per-row bookkeeping of a batch, without the row's work: claim in the journal, clean up the row's files, mark it
/// done, and at the end stream the index from the journal; run with the same calls <c>BatchRunner</c> makes, in an out dir
/// that is empty or already holds many tiles of other rows.
/// </summary>
internal static class RowBookkeeping
{
    /// <summary>Puts <paramref name="count"/> empty tile files of other rows (4 per row) into <paramref name="outDir"/>, unless there already.</summary>
    public static void FillWithTiles(string outDir, int count, TextWriter log)
    {
        Directory.CreateDirectory(outDir);
        var marker = Path.Combine(outDir, FormattableString.Invariant($".filled-{count}"));
        if (File.Exists(marker))
        {
            return;
        }

        log.WriteLine($"bookkeeping: writing {count:N0} empty tile files into {outDir}");
        for (var i = 0; i < count; i++)
        {
            var rowId = FormattableString.Invariant($"other-{i / 4:D7}");
            File.Create(Path.Combine(outDir, TileNames.FileName(rowId, i % 4 / 2, i % 2))).Dispose();
        }

        File.Create(marker).Dispose();
    }

    /// <summary>Runs the bookkeeping of <paramref name="rows"/> rows in <paramref name="outDir"/> with a new journal.</summary>
    public static RowBookkeepingCost Measure(string outDir, int rows)
    {
        foreach (var name in new[] { BatchJournal.FileName, BatchJournal.FileName + "-wal", BatchJournal.FileName + "-shm", "index.csv", "index.geojson", "index.parquet" })
        {
            File.Delete(Path.Combine(outDir, name));
        }

        using var journal = BatchJournal.Open(outDir, create: true);
        journal.StartRun(SyntheticDoneRow.Run);
        journal.AddRows(Enumerable.Range(0, rows).Select(i => JournalRowSeed.Pending(SyntheticDoneRow.Id(i), i + 2, "{}")));
        var outcomes = Enumerable.Range(0, rows).Select(i => SyntheticDoneRow.Outcome(SyntheticDoneRow.Id(i), i)).ToList();
        var claim = new Stopwatch();
        var cleanup = new Stopwatch();
        var done = new Stopwatch();
        for (var i = 0; i < rows; i++)
        {
            var id = SyntheticDoneRow.Id(i);
            claim.Start();
            journal.MarkRunning(id);
            claim.Stop();
            cleanup.Start();
            RowFileCleanup.BeforeAttempt(new RowFiles(outDir, id, SyntheticDoneRow.Grid, SyntheticDoneRow.Grid));
            cleanup.Stop();
            done.Start();
            journal.MarkDone(id, outcomes[i]);
            done.Stop();
        }

        var index = Stopwatch.StartNew();
        var listed = TileIndex.Write(outDir, journal).Count;
        index.Stop();
        if (listed != rows * SyntheticDoneRow.Grid * SyntheticDoneRow.Grid)
        {
            throw new AxionException(FailureKind.Internal, $"the index lists {listed} tiles, expected {rows * 4}");
        }

        return new RowBookkeepingCost(
            claim.Elapsed.TotalMilliseconds / rows,
            cleanup.Elapsed.TotalMilliseconds / rows,
            done.Elapsed.TotalMilliseconds / rows,
            index.Elapsed.TotalMilliseconds / rows);
    }
}
