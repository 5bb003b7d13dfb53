using System.Text;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Datasets;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>
/// <c>axion-tiles report</c>: writes <c>report.html</c> into a dataset (a local folder or an <c>az://</c> / <c>s3://</c>
/// location, see <see cref="DatasetFiles"/>) from its journals and tiles: <c>journal.db</c>, or every shard journal of a
/// merged dataset (<see cref="JournalLayout.Find"/>), read read-only (a store's journal snapshots are downloaded). A batch
/// running in a local folder (its lock held) makes this fail with a clear message. The page is written under a
/// temporary name, then renamed (a store: uploaded, verified).
/// </summary>
public static class ReportGenerator
{
    /// <summary>The report's file name in the out dir.</summary>
    public const string FileName = "report.html";

    /// <summary>Collects, renders and writes the report of the folder <paramref name="outDir"/>.</summary>
    /// <exception cref="AxionException">Bad options or no journal (<see cref="FailureKind.BadInput"/>); the out dir is in use
    /// (<see cref="JournalLockedException"/>); the page cannot be written (<see cref="FailureKind.Environment"/>).</exception>
    public static ReportResult Generate(string outDir, ReportOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        using var dataset = new LocalDatasetFiles(outDir);
        return Task.Run(() => GenerateAsync(dataset, options, clock, cancellationToken), cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Collects, renders and writes the report of <paramref name="dataset"/>; <see cref="ReportResult.Path"/> is where the
    /// page went (a full path, or the object's <c>az://</c> / <c>s3://</c> URL).
    /// </summary>
    /// <exception cref="AxionException">As <see cref="Generate"/>; for a store also its errors (credentials, container, upload).</exception>
    public static async Task<ReportResult> GenerateAsync(DatasetFiles dataset, ReportOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(clock);
        ThrowIfInvalid(options);

        var files = JournalLayout.Find(await dataset.JournalFolderAsync(cancellationToken));
        if (files.Count == 0)
        {
            throw new AxionException(
                FailureKind.BadInput,
                $"no batch in {dataset.Shown}: {BatchJournal.FileName} not found, nor {JournalLayout.ShardFolder}/shard-<K>-of-<N>.db (start one with 'axion-tiles build').");
        }

        if (dataset is LocalDatasetFiles { Directory: var dir } && dataset.BatchRunning)
        {
            throw new JournalLockedException(dir, Path.Combine(dir, BatchJournal.LockFileName));
        }

        var journals = new List<JournalReader>(files.Count);
        BatchReport report;
        try
        {
            journals.AddRange(files.Select(f => JournalReader.Open(f.Path)));
            report = await BatchReportCollector.CollectAsync(dataset, journals, options, clock.GetUtcNow(), cancellationToken);
        }
        finally
        {
            foreach (var journal in journals)
            {
                journal.Dispose();
            }
        }

        return await WriteAsync(dataset, report, cancellationToken);
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
        using var dataset = new LocalDatasetFiles(dir);
        return Task.Run(
            async () =>
            {
                var report = await BatchReportCollector.CollectAsync(dataset, journals, options, lastChange, cancellationToken) with { AsOfLastChange = true };
                return await WriteAsync(dataset, report, cancellationToken);
            },
            cancellationToken).GetAwaiter().GetResult();
    }

    private static void ThrowIfInvalid(ReportOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new AxionException(FailureKind.BadInput, "invalid report options: " + string.Join("; ", errors));
        }
    }

    private static async Task<ReportResult> WriteAsync(DatasetFiles dataset, BatchReport report, CancellationToken cancellationToken)
    {
        var html = Encoding.UTF8.GetBytes(ReportHtml.Render(report));
        var path = await dataset.SaveAsync(FileName, html, cancellationToken);
        return new ReportResult(path, report, html.Length);
    }
}
