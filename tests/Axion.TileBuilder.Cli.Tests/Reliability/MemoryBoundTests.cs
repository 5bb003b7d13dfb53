using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// A 10 000-row CSV with 8 workers: the 20 reliability rows (real reads, in the first 2 000 lines) and 9 980 rows
/// in the Southern Ocean, where the catalog has no scene, so each costs a search and two journal commits.
/// The process's resident memory, sampled from <c>/proc</c>, stays flat from the middle third of the batch
/// to its end (rows are streamed from the journal, nothing is kept per row), and its peak, reached while the
/// real rows run (GDAL's caches are capped, malloc arenas trimmed after each row), stays below the 500 MB budget.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class MemoryBoundTests(ReliabilityFixture fixture)
{
    private const int Rows = 10_000;

    [Fact]
    public async Task Resident_memory_stays_flat_over_a_10k_row_batch()
    {
        var csv = Path.Combine(fixture.NewDir("rel-10k"), "rows10k.csv");
        await File.WriteAllTextAsync(csv, await MakeCsvAsync());
        var outDir = fixture.NewDir("rel-10k-out");

        var samples = new List<(TimeSpan At, long RssKb)>();
        long peakKb = 0;
        var lines = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        int exitCode;
        using (var process = ChildCli.Start([.. fixture.BuildArgs(csv, outDir, fixture.CleanServer, workers: 8)], lines))
        {
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(6))
            {
                if (ReadStatusKb(process.Id) is { } status)
                {
                    samples.Add((clock.Elapsed, status.RssKb));
                    peakKb = Math.Max(peakKb, status.PeakKb);
                }

                await Task.Delay(200);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the 10k-row batch did not finish within 6 minutes:\n" + string.Join('\n', lines.TakeLast(20)));
            }

            process.WaitForExit();
            exitCode = process.ExitCode;
        }

        var total = clock.Elapsed;
        Assert.True(exitCode == ExitCodes.FinishedWithFailures, $"exit {exitCode}:\n{string.Join('\n', lines.TakeLast(20))}");
        using (var journal = BatchJournal.Open(outDir, create: false))
        {
            Assert.Empty(journal.CheckIntegrity());
            var summary = journal.Summarize();
            Assert.Equal(Rows, summary.RowsTotal);
            Assert.Equal(20, summary.Count(RowState.Done));
            Assert.Equal(Rows - 20, summary.Count(RowState.Failed));
        }

        TileSnapshot.AssertEqual(fixture.Reference, TileSnapshot.Read(outDir));

        // The middle third (start-up, seeding and the first real reads behind) against the last third.
        var early = samples.Where(s => s.At > total / 3 && s.At <= total * 2 / 3).Select(s => s.RssKb).Order().ToList();
        var late = samples.Where(s => s.At > total * 2 / 3).Select(s => s.RssKb).ToList();
        Assert.True(early.Count >= 3 && late.Count >= 3, $"too few memory samples ({samples.Count}) in {total}");
        var earlyMedianMb = early[early.Count / 2] / 1024.0;
        var lateMaxMb = late.Max() / 1024.0;
        var trace = string.Join(" ", samples.Select(s => FormattableString.Invariant($"{s.At.TotalSeconds:F0}s:{s.RssKb / 1024}MB")));
        Assert.True(lateMaxMb - earlyMedianMb < 16, $"resident memory grew from {earlyMedianMb:F0} MB to {lateMaxMb:F0} MB over the batch: {trace}");
        Assert.True(peakKb / 1024.0 < 450, $"peak resident memory {peakKb / 1024} MB: {trace}");
    }

    /// <summary>
    /// The 20 reliability rows (real reads) one every 100 lines in the first 2 000, so GDAL's caches and the malloc
    /// arenas reach their working size early, between rows in the Southern Ocean; then 8 000 more ocean rows, over
    /// which memory must stay flat (a leak of a few kB per row would show).
    /// </summary>
    private async Task<string> MakeCsvAsync()
    {
        var real = (await File.ReadAllLinesAsync(fixture.Csv20)).Skip(1).Where(l => l.Length > 0).ToList();
        const int every = 100;
        var random = new Random(10_000);
        var csv = new StringBuilder("id,lat,lon\n", Rows * 32);
        for (var i = 0; i < Rows; i++)
        {
            if (i % every == 0 && i / every < real.Count)
            {
                csv.Append(real[i / every]).Append('\n');
            }
            else
            {
                csv.Append(CultureInfo.InvariantCulture, $"ocean-{i:00000},{-55 + (10 * random.NextDouble()):F4},{-140 + (40 * random.NextDouble()):F4}\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>VmRSS and VmHWM of a live process, kB; null once it is gone.</summary>
    private static (long RssKb, long PeakKb)? ReadStatusKb(int pid)
    {
        string[] status;
        try
        {
            status = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            return null;
        }

        long Field(string name) => status.Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => long.Parse(l[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .FirstOrDefault();

        var rss = Field("VmRSS:");
        return rss > 0 ? (rss, Field("VmHWM:")) : null;
    }
}
