using System.Text;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>
/// <c>axion-tiles report</c>: writes <c>&lt;out&gt;/report.html</c> from the journal and the tiles of a
/// batch. Opens the journal (which takes the out dir's lock: a running batch makes this fail with a
/// clear message) and writes the page under a temporary name, then renames it.
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
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new AxionException(FailureKind.BadInput, "invalid report options: " + string.Join("; ", errors));
        }

        var dir = Path.GetFullPath(outDir);
        if (!File.Exists(Path.Combine(dir, BatchJournal.FileName)))
        {
            throw new AxionException(FailureKind.BadInput, $"no batch in {dir}: {BatchJournal.FileName} not found (start one with 'axion-tiles build').");
        }

        BatchReport report;
        using (var journal = BatchJournal.Open(dir, create: false))
        {
            report = BatchReportCollector.Collect(journal, options, clock.GetUtcNow(), cancellationToken);
        }

        var html = Encoding.UTF8.GetBytes(ReportHtml.Render(report));
        var path = Path.Combine(dir, FileName);
        WriteAtomically(path, html);
        return new ReportResult(path, report, html.Length);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, AtomicRename.TempName(FileName));
        try
        {
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
