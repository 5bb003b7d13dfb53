using System.Text;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>
/// <c>axion-tiles report</c>: writes <c>&lt;out&gt;/report.html</c> from the journals and the tiles of a
/// batch: <c>journal.db</c>, or every shard journal of a merged dataset (<see cref="JournalLayout.Find"/>), read
/// read-only. A batch running in the folder (its lock held) makes this fail with a clear message. The page is
/// written under a temporary name, then renamed.
/// </summary>
public static class ReportGenerator
{
    /// <summary>The report's file name in the out dir.</summary>
    public const string FileName = "report.html";

    /// <summary>Collects, renders and writes the report of <paramref name="outDir"/>.</summary>
    /// <exception cref="AxionException">Bad options or no journal (<see cref="FailureKind.BadInput"/>); the out dir is in use
    /// (<see cref="JournalLockedException"/>); the page cannot be written (<see cref="FailureKind.Environment"/>).</exception>
    public static ReportResult Generate(string outDir, ReportOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentNullException.ThrowIfNull(clock);
        ThrowIfInvalid(options);

        var dir = Path.GetFullPath(outDir);
        var files = JournalLayout.Find(dir);
        if (files.Count == 0)
        {
            throw new AxionException(
                FailureKind.BadInput,
                $"no batch in {dir}: {BatchJournal.FileName} not found, nor {JournalLayout.ShardFolder}/shard-<K>-of-<N>.db (start one with 'axion-tiles build').");
        }

        if (BatchJournal.IsInUse(dir))
        {
            throw new JournalLockedException(dir, Path.Combine(dir, BatchJournal.LockFileName));
        }

        var journals = new List<JournalReader>(files.Count);
        BatchReport report;
        try
        {
            journals.AddRange(files.Select(f => JournalReader.Open(f.Path)));
            report = BatchReportCollector.Collect(dir, journals, options, clock.GetUtcNow(), cancellationToken);
        }
        finally
        {
            foreach (var journal in journals)
            {
                journal.Dispose();
            }
        }

        return Write(dir, report);
    }

    /// <summary>
    /// Writes the report of a merged dataset from its journals, already open (<c>merge</c> passes the snapshot it wrote
    /// the index from; shards may still run, so no lock is checked). The page is stamped with the journals' last change
    /// (the latest <see cref="RunInfo.UpdatedAt"/>, else <see cref="RunInfo.CreatedAt"/>; the Unix epoch when no journal
    /// recorded its run), not the clock, so the same journals and tiles always give the same bytes.
    /// </summary>
    /// <exception cref="AxionException">Bad options (<see cref="FailureKind.BadInput"/>); the page cannot be written (<see cref="FailureKind.Environment"/>).</exception>
    public static ReportResult GenerateFromJournals(string outDir, IReadOnlyList<JournalReader> journals, ReportOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentNullException.ThrowIfNull(journals);
        ThrowIfInvalid(options);

        var dir = Path.GetFullPath(outDir);
        var lastChange = journals
            .Select(j => j.Run)
            .OfType<RunInfo>()
            .Select(r => r.UpdatedAt ?? r.CreatedAt)
            .DefaultIfEmpty(DateTimeOffset.UnixEpoch)
            .Max();
        var report = BatchReportCollector.Collect(dir, journals, options, lastChange, cancellationToken) with { AsOfLastChange = true };
        return Write(dir, report);
    }

    private static void ThrowIfInvalid(ReportOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new AxionException(FailureKind.BadInput, "invalid report options: " + string.Join("; ", errors));
        }
    }

    private static ReportResult Write(string dir, BatchReport report)
    {
        var html = Encoding.UTF8.GetBytes(ReportHtml.Render(report));
        var path = Path.Combine(dir, FileName);
        WriteAtomically(path, html);
        return new ReportResult(path, report, html.Length);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = Path.Combine(AtomicRename.TempFolderOf(Path.GetDirectoryName(path)!), AtomicRename.TempName(FileName));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            AtomicRename.Replace(temp, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Best effort: the next build removes stray temporary files.
            }

            throw new AxionException(FailureKind.Environment, $"cannot write {path}: {ex.Message}", ex);
        }
    }
}
