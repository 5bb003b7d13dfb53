using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Bench.Bookkeeping;

/// <summary>
/// A finished batch's journal of many rows (every 100th failed, the others done with 4 tiles), written with the real
/// journal calls in a scratch folder where fsync is free (tmpfs), then moved into place once closed.
/// </summary>
internal static class BulkJournal
{
    /// <summary>Every this many rows one is failed (<c>no_clear_scene</c>), so <c>status</c> has failures to list.</summary>
    private const int FailedEvery = 100;

    /// <summary>Writes <c>&lt;outDir&gt;/journal.db</c> with <paramref name="rows"/> rows unless it is there from an earlier run.</summary>
    public static void Write(string outDir, int rows, string scratchRoot, TextWriter log)
    {
        var target = Path.Combine(outDir, BatchJournal.FileName);
        var marker = Path.Combine(outDir, FormattableString.Invariant($".journal-{rows}"));
        if (File.Exists(target) && File.Exists(marker))
        {
            return;
        }

        Directory.CreateDirectory(outDir);
        var scratch = Path.Combine(scratchRoot, "axion-bench-journal-" + Guid.NewGuid().ToString("N"));
        log.WriteLine($"bookkeeping: writing a {rows:N0}-row journal in {scratch}");
        try
        {
            using (var journal = BatchJournal.Open(scratch, create: true))
            {
                journal.StartRun(SyntheticDoneRow.Run);
                journal.AddRows(Enumerable.Range(0, rows).Select(i => JournalRowSeed.Pending(SyntheticDoneRow.Id(i), i + 2, "{}")));
                for (var i = 0; i < rows; i++)
                {
                    var id = SyntheticDoneRow.Id(i);
                    journal.MarkRunning(id);
                    if (i % FailedEvery == FailedEvery - 1)
                    {
                        journal.MarkFailed(id, FailureKind.NoData, "no_clear_scene", "no scene with at least 90 % of the AOI clear");
                    }
                    else
                    {
                        journal.MarkDone(id, SyntheticDoneRow.Outcome(id, i));
                    }
                }
            }

            File.Copy(Path.Combine(scratch, BatchJournal.FileName), target, overwrite: true);
            File.Create(marker).Dispose();
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
