using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Pipeline.Datasets;
using Axion.TileBuilder.Pipeline.Tiles;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>
/// <c>axion-tiles validate</c>: checks every <c>.npz</c> of a dataset (a local folder or an <c>az://</c> / <c>s3://</c>
/// location, see <see cref="DatasetFiles"/>) against the tile contract (<c>docs/output-format.md</c>) and cross-checks the
/// files with every journal (<c>journal.db</c> and the shard journals) and <c>index.csv</c>. Files are checked in
/// parallel (<see cref="ValidationOptions.MaxParallelism"/> at once), one band in memory per worker at a time; a store's
/// tiles are downloaded one per worker and deleted once checked.
/// </summary>
public static class DatasetValidator
{
    private const string IndexCsv = "index.csv";

    /// <summary>Validates the folder <paramref name="directory"/>; throws <see cref="DatasetFolderException"/> when it is not a folder.</summary>
    public static ValidationReport Validate(string directory, ValidationOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        CheckOptions(options);
        using var files = new LocalDatasetFiles(directory);
        return Task.Run(() => ValidateAsync(files, options, cancellationToken), cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Validates <paramref name="dataset"/>. Throws <see cref="DatasetFolderException"/> when a local folder does not exist,
    /// or when a store's location holds no tile and no journal or <c>index.csv</c> (a wrong container or prefix).
    /// </summary>
    public static async Task<ValidationReport> ValidateAsync(DatasetFiles dataset, ValidationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        CheckOptions(options);
        if (dataset is LocalDatasetFiles { Directory: var dir } && !Directory.Exists(dir))
        {
            throw new DatasetFolderException(File.Exists(dir) ? $"'{dir}' is a file, not a dataset folder." : $"the dataset folder '{dir}' does not exist.");
        }

        var live = dataset.BatchRunning;
        var issues = new ConcurrentQueue<ValidationIssue>();
        var fractions = new ConcurrentQueue<TileQuality>();
        var checkedFiles = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(dataset.ListTilesAsync(cancellationToken), parallel, async (name, ct) =>
        {
            TileCheckResult result;
            using (var local = await dataset.FetchAsync(name, ct))
            {
                result = ShownAs(TileFileChecker.Check(local.Path, options), local.Path, dataset.Show(name));
            }

            if (result.Vanished)
            {
                if (!live)
                {
                    issues.Enqueue(new ValidationIssue(result.File, ValidationChecks.Unreadable, "the file disappeared while the folder was checked", IssueSeverity.Violation));
                }

                return;
            }

            checkedFiles.TryAdd(result.File, 0);
            foreach (var issue in result.Issues)
            {
                issues.Enqueue(issue);
            }

            if (result.FiniteFraction is { } fraction)
            {
                fractions.Enqueue(new TileQuality(result.File, fraction));
            }
        });

        cancellationToken.ThrowIfCancellationRequested();
        var onDisk = new HashSet<string>(checkedFiles.Keys, StringComparer.Ordinal);
        var cross = new List<ValidationIssue>();
        if (live)
        {
            cross.Add(new ValidationIssue(BatchJournal.LockFileName, ValidationChecks.BatchRunning, "a batch is running in this folder: files may change while they are checked; orphan and index findings are warnings", IssueSeverity.Warning));
        }

        CheckTempFiles(dataset, live, cross);
        var journalChecked = false;
        var indexChecked = false;
        var journalFound = false;
        JournalSnapshot? journal = null;
        if (options.CheckJournal)
        {
            var journals = JournalLayout.Find(await dataset.JournalFolderAsync(cancellationToken));
            journalFound = journals.Count > 0;
            (journal, journalChecked) = await CheckJournalAsync(dataset, journals, onDisk, live, cross, cancellationToken);
            indexChecked = await CheckIndexAsync(dataset, onDisk, journal, live, cross, cancellationToken);
        }

        if (dataset.IsRemote && onDisk.Count == 0 && !journalFound && !indexChecked)
        {
            var what = options.CheckJournal ? "no tile_*.npz, journal or index.csv" : "no tile_*.npz";
            throw new DatasetFolderException($"there is no dataset at {dataset.Shown}: {what} under it (check the container or bucket and the prefix).");
        }

        foreach (var issue in cross)
        {
            issues.Enqueue(issue);
        }

        return BuildReport(dataset.Shown, options, onDisk, [.. issues], [.. fractions], journalChecked, indexChecked, live);
    }

    /// <summary>The result with the local copy's path in its messages replaced by how the dataset names the file (a no-op for a local folder).</summary>
    private static TileCheckResult ShownAs(TileCheckResult result, string localPath, string shown) =>
        string.Equals(localPath, shown, StringComparison.Ordinal)
            ? result
            : result with { Issues = result.Issues.Select(i => i with { Message = i.Message.Replace(localPath, shown, StringComparison.Ordinal) }).ToList() };

    private static void CheckTempFiles(DatasetFiles dataset, bool live, List<ValidationIssue> issues)
    {
        foreach (var name in dataset.TempFileNames())
        {
            issues.Add(live
                ? new ValidationIssue(name, ValidationChecks.OrphanedTemp, "a tile being written by the running batch", IssueSeverity.Warning)
                : new ValidationIssue(name, ValidationChecks.OrphanedTemp, "temporary file of a killed write: run 'axion-tiles resume' (it removes stray temporary files) or delete it", IssueSeverity.Violation));
        }
    }

    /// <summary>Reads every journal of the dataset (<see cref="JournalLayout.Find"/>: <c>journal.db</c> and the shard journals) into one snapshot.</summary>
    private static async Task<(JournalSnapshot? Journal, bool Checked)> CheckJournalAsync(
        DatasetFiles dataset,
        IReadOnlyList<JournalFile> files,
        HashSet<string> onDisk,
        bool live,
        List<ValidationIssue> issues,
        CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return (null, false);
        }

        var doneFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var runningRows = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var snapshot = JournalSnapshotReader.Read(file.Path, live);
                foreach (var (name, rowId) in snapshot.DoneFiles)
                {
                    doneFiles.TryAdd(name, rowId);
                }

                runningRows.AddRange(snapshot.RunningRows);
            }
            catch (Exception ex) when (ex is SqliteException or JsonException or IOException or InvalidOperationException)
            {
                issues.Add(new ValidationIssue(file.Name, ValidationChecks.JournalUnreadable, $"cannot read the journal: {ex.Message}", IssueSeverity.Violation));
                return (null, false);
            }
        }

        var journal = new JournalSnapshot(doneFiles, runningRows);
        foreach (var (file, rowId) in journal.DoneFiles)
        {
            if (!onDisk.Contains(file) && !await dataset.ExistsAsync(file, cancellationToken))
            {
                issues.Add(new ValidationIssue(file, ValidationChecks.Missing, $"done row '{rowId}' lists it but it is not on disk", IssueSeverity.Violation));
            }
        }

        foreach (var file in onDisk.Where(f => !journal.DoneFiles.ContainsKey(f)))
        {
            var owner = journal.RunningRows.FirstOrDefault(id => TileNames.BelongsTo(file, id));
            var why = owner is null
                ? "no done row of the journal lists it (orphaned)"
                : $"a tile of row '{owner}', which is not done (interrupted): 'axion-tiles resume' deletes and redoes it";
            issues.Add(new ValidationIssue(file, ValidationChecks.Extra, why, live ? IssueSeverity.Warning : IssueSeverity.Violation));
        }

        if (!live && journal.RunningRows.Count > 0)
        {
            var ids = string.Join(", ", journal.RunningRows.Take(5)) + (journal.RunningRows.Count > 5 ? ", ..." : string.Empty);
            issues.Add(new ValidationIssue(
                BatchJournal.FileName,
                ValidationChecks.Interrupted,
                string.Create(CultureInfo.InvariantCulture, $"{journal.RunningRows.Count} row(s) left running by an interrupted batch ({ids}): run 'axion-tiles resume'"),
                IssueSeverity.Warning));
        }

        return (journal, true);
    }

    private static async Task<bool> CheckIndexAsync(DatasetFiles dataset, HashSet<string> onDisk, JournalSnapshot? journal, bool live, List<ValidationIssue> issues, CancellationToken cancellationToken)
    {
        using var index = await dataset.FetchAsync(IndexCsv, cancellationToken);
        if (!File.Exists(index.Path))
        {
            if (journal is { DoneFiles.Count: > 0 } && !live)
            {
                issues.Add(new ValidationIssue(IndexCsv, ValidationChecks.NoIndex, "the journal has done rows but there is no index.csv: run 'axion-tiles merge --out <dir>' (or 'resume') to write it", IssueSeverity.Warning));
            }

            return false;
        }

        // Only the file names are kept (an index of a million tiles is read one entry at a time).
        List<string> entries;
        try
        {
            using var reader = new StreamReader(index.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            entries = TileIndexReader.EnumerateCsv(reader).Select(e => e.File).ToList();
        }
        catch (Exception ex) when (ex is TileIndexFormatException or IOException or UnauthorizedAccessException)
        {
            issues.Add(new ValidationIssue(IndexCsv, ValidationChecks.IndexUnreadable, ex.Message, IssueSeverity.Violation));
            return false;
        }

        var severity = live ? IssueSeverity.Warning : IssueSeverity.Violation;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in entries)
        {
            if (listed.Add(file) && !onDisk.Contains(file) && !await dataset.ExistsAsync(file, cancellationToken))
            {
                issues.Add(new ValidationIssue(file, ValidationChecks.IndexMissing, "index.csv lists it but it is not on disk", severity));
            }
        }

        foreach (var file in onDisk.Where(f => !listed.Contains(f)))
        {
            issues.Add(new ValidationIssue(file, ValidationChecks.NotInIndex, "on disk but not listed in index.csv", severity));
        }

        return true;
    }

    private static ValidationReport BuildReport(
        string dir,
        ValidationOptions options,
        HashSet<string> onDisk,
        List<ValidationIssue> issues,
        List<TileQuality> fractions,
        bool journalChecked,
        bool indexChecked,
        bool live)
    {
        var violations = issues.Where(i => i.Severity == IssueSeverity.Violation).ToList();
        var warnings = issues.Where(i => i.Severity == IssueSeverity.Warning).ToList();
        var filesWithViolations = violations.Select(i => i.File).Where(onDisk.Contains).Distinct(StringComparer.Ordinal).Count();
        var filesWithWarnings = warnings.Select(i => i.File).Where(onDisk.Contains).Distinct(StringComparer.Ordinal).Count();
        return new ValidationReport
        {
            Directory = dir,
            FilesChecked = onDisk.Count,
            FilesOk = onDisk.Count - filesWithViolations,
            FilesWithViolations = filesWithViolations,
            FilesWithWarnings = filesWithWarnings,
            ViolationCount = violations.Count,
            WarningCount = warnings.Count,
            ViolationsByCheck = CountByCheck(violations),
            WarningsByCheck = CountByCheck(warnings),
            Violations = Listed(violations, options.MaxListed),
            Warnings = Listed(warnings, options.MaxListed),
            LowestFiniteFraction = fractions
                .OrderBy(f => f.FiniteFraction)
                .ThenBy(f => f.File, StringComparer.Ordinal)
                .Take(options.WorstListed)
                .ToList(),
            JournalChecked = journalChecked,
            IndexChecked = indexChecked,
            BatchRunning = live,
            MinValid = options.MinValid,
        };
    }

    private static SortedDictionary<string, int> CountByCheck(List<ValidationIssue> issues)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var issue in issues)
        {
            counts[issue.Check] = counts.GetValueOrDefault(issue.Check) + 1;
        }

        return counts;
    }

    private static List<ValidationIssue> Listed(List<ValidationIssue> issues, int maxListed)
    {
        var ordered = issues
            .OrderBy(i => i.File, StringComparer.Ordinal)
            .ThenBy(i => i.Check, StringComparer.Ordinal)
            .ThenBy(i => i.Message, StringComparer.Ordinal);
        return (maxListed > 0 ? ordered.Take(maxListed) : ordered).ToList();
    }

    private static void CheckOptions(ValidationOptions options)
    {
        if (!(options.MinValid is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinValid, $"MinValid must be in [0, 1], got {options.MinValid.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (options.MaxListed < 0 || options.WorstListed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxListed and WorstListed must be >= 0, got {options.MaxListed} and {options.WorstListed}.");
        }

        if (options.MaxParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxParallelism, $"MaxParallelism must be >= 1, got {options.MaxParallelism}.");
        }
    }
}
