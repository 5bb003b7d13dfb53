using System.Globalization;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal.Tests;

public sealed class BatchJournalConcurrencyTests : IDisposable
{
    private const int Workers = 8;
    private const int RowsPerWorker = 25;

    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EightWorkersMarkingDifferentRows_GiveExactFinalCounts()
    {
        using var journal = JournalFixtures.Seeded(_dir.Path, Workers * RowsPerWorker);
        var rows = journal.Claimable(false, false).Select(r => r.RowId).ToArray();
        Assert.Equal(Workers * RowsPerWorker, rows.Length);

        using var start = new Barrier(Workers + 1);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var i = w; i < rows.Length; i += Workers)
                {
                    journal.MarkRunning(rows[i]);
                    if (i % 10 == 3)
                    {
                        journal.MarkFailed(rows[i], FailureKind.Transient, "http_503", "503");
                    }
                    else if (i % 10 == 7)
                    {
                        journal.MarkSkipped(rows[i], "duplicate_location");
                    }
                    else
                    {
                        journal.MarkDone(rows[i], JournalFixtures.Outcome(rows[i], tiles: 1 + (i % 3)));
                    }
                }
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        // A reader runs alongside the writers.
        start.SignalAndWait();
        var reads = 0;
        while (threads.Any(t => t.IsAlive))
        {
            var s = journal.Summarize();
            Assert.Equal(Workers * RowsPerWorker, s.RowsTotal);
            reads++;
        }

        threads.ForEach(t => t.Join());
        Assert.Empty(errors);
        Assert.True(reads > 0);

        var expectedFailed = Enumerable.Range(0, rows.Length).Count(i => i % 10 == 3);
        var expectedSkipped = Enumerable.Range(0, rows.Length).Count(i => i % 10 == 7);
        var doneIndexes = Enumerable.Range(0, rows.Length).Where(i => i % 10 is not (3 or 7)).ToList();
        var summary = journal.Summarize();
        Assert.Equal(doneIndexes.Count, summary.Count(RowState.Done));
        Assert.Equal(expectedFailed, summary.Count(RowState.Failed));
        Assert.Equal(expectedSkipped, summary.Count(RowState.Skipped));
        Assert.Equal(0, summary.Count(RowState.Pending) + summary.Count(RowState.Running));
        Assert.Equal(rows.Length, summary.Attempts);
        Assert.Equal(doneIndexes.Sum(i => 1 + (i % 3)), summary.TilesWritten);
        Assert.Equal(expectedFailed, summary.RetryableFailed);
        Assert.Empty(journal.CheckIntegrity());
        Assert.All(journal.List(RowState.Done), r => Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"{r.RowId}/tile_0.tif"),
            r.Outcome!.Files[0]));
    }
}
