using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Pipeline.Reporting;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Merging;

/// <summary>
/// <c>axion-tiles merge</c>: writes the dataset-level <c>index.csv</c>, <c>index.geojson</c>, <c>index.parquet</c> and
/// <c>report.html</c> (<see cref="ReportGenerator.GenerateFromJournals"/>, default <see cref="ReportOptions"/>: the first
/// 2000 locations listed, 500 tiles sampled) of a folder from every journal under it (<see cref="JournalLayout.Find"/>),
/// read-only and without a lock, so shards may still run. Done rows are streamed from all journals at once and merged by row id (a k-way merge of
/// per-journal pages), so memory does not grow with the dataset.
/// </summary>
/// <remarks>
/// Order of the index: by row id (ordinal; ids are ASCII, where this equals SQLite's byte order), then by tile row,
/// then tile column. It depends only on the done rows, not on which shard did a row or when, so merging the same
/// journals twice gives byte-identical files; the report is stamped with the journals' last change, not the clock, for
/// the same reason. Index and report are written from one snapshot of each journal.
/// </remarks>
public static class DatasetMerger
{
    /// <summary>Merges the journals of <paramref name="outDir"/> into its index files and its report.</summary>
    /// <exception cref="AxionException"><see cref="FailureKind.BadInput"/>: no journal, or shard journals of different shard counts.</exception>
    /// <exception cref="JournalStorageException">A journal cannot be read.</exception>
    public static MergeResult Merge(string outDir, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var dir = Path.GetFullPath(outDir);
        var files = JournalLayout.Find(dir);
        if (files.Count == 0)
        {
            throw new AxionException(
                FailureKind.BadInput,
                $"nothing to merge in {dir}: neither {BatchJournal.FileName} nor {JournalLayout.ShardFolder}/shard-<K>-of-<N>.db exists.");
        }

        var shardCount = ShardCount(files);
        var readers = new List<JournalReader>(files.Count);
        try
        {
            foreach (var file in files)
            {
                readers.Add(JournalReader.Open(file.Path));
            }

            var journals = files.Select((f, i) => new JournalProgress(f.Name, f.ShardIndex, readers[i].Summarize())).ToList();
            var merge = JournalRowMerge.Of(readers, RowState.Done, JournalRowOrder.RowId);
            var entries = merge.Rows().SelectMany(row => TileIndex.Entries(row).OrderBy(e => e.TileRow).ThenBy(e => e.TileCol));
            var index = TileIndexWriter.Write(dir, entries, cancellationToken);
            var report = ReportGenerator.GenerateFromJournals(dir, readers, new ReportOptions(), cancellationToken);
            var present = files.Where(f => f.ShardIndex is not null).Select(f => f.ShardIndex!.Value).ToHashSet();
            return new MergeResult
            {
                OutDir = dir,
                Index = index,
                Report = report,
                Journals = journals,
                ShardCount = shardCount,
                NotStarted = shardCount is { } n ? Enumerable.Range(0, n).Where(k => !present.Contains(k)).ToList() : [],
                DuplicateRows = merge.Duplicates,
                Total = JournalSummary.Sum(journals.Select(j => j.Summary)),
            };
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>N of the shard journals; null when there are none; bad input when their names disagree.</summary>
    private static int? ShardCount(IReadOnlyList<JournalFile> files)
    {
        var counts = files.Where(f => f.ShardCount is not null).GroupBy(f => f.ShardCount!.Value).ToList();
        if (counts.Count > 1)
        {
            var examples = string.Join(", ", counts.Select(g => g.First().Name));
            throw new AxionException(
                FailureKind.BadInput,
                $"the shard journals name different shard counts ({examples}): one folder holds one batch; move the journals of the other batch away.");
        }

        return counts.Count == 1 ? counts[0].Key : null;
    }
}
