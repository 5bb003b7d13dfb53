using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Pipeline.Tiles;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>
/// <c>axion-tiles validate</c>: checks every <c>.npz</c> of a dataset folder against the tile
/// contract (<c>docs/output-format.md</c>) and cross-checks the files with every journal (<c>journal.db</c> and the shard journals) and
/// <c>index.csv</c>. Files are checked in parallel, one band in memory per worker at a time.
/// </summary>
public static partial class DatasetValidator
{
    private const string IndexCsv = "index.csv";
    private const string NpzExtension = ".npz";

    /// <summary>Validates <paramref name="directory"/>; throws <see cref="DatasetFolderException"/> when it is not a folder.</summary>
    public static ValidationReport Validate(string directory, ValidationOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        CheckOptions(options);
        var dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir))
        {
            throw new DatasetFolderException(File.Exists(dir) ? $"'{dir}' is a file, not a dataset folder." : $"the dataset folder '{dir}' does not exist.");
        }

        var live = BatchJournal.IsInUse(dir);
        var issues = new ConcurrentQueue<ValidationIssue>();
        var fractions = new ConcurrentQueue<TileQuality>();
        var checkedFiles = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        Parallel.ForEach(NpzFiles(dir), parallel, path =>
        {
            var result = TileFileChecker.Check(path, options);
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

        CheckTempFiles(dir, live, cross);
        var journalChecked = false;
        var indexChecked = false;
        JournalSnapshot? journal = null;
        if (options.CheckJournal)
        {
            journal = CheckJournal(dir, onDisk, live, cross, out journalChecked);
            indexChecked = CheckIndex(dir, onDisk, journal, live, cross);
        }

        foreach (var issue in cross)
        {
            issues.Enqueue(issue);
        }

        return BuildReport(dir, options, onDisk, [.. issues], [.. fractions], journalChecked, indexChecked, live);
    }

    /// <summary>The <c>.npz</c> files directly in <paramref name="dir"/>, streamed.</summary>
    private static IEnumerable<string> NpzFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*" + NpzExtension, SearchOption.TopDirectoryOnly)
            .Where(p => p.EndsWith(NpzExtension, StringComparison.Ordinal));

    private static void CheckTempFiles(string dir, bool live, List<ValidationIssue> issues)
    {
        var tempFolder = AtomicRename.TempFolderOf(dir); // where writes keep their temporary files; older versions wrote them next to the tiles
        var inTempFolder = Directory.Exists(tempFolder) ? Directory.EnumerateFiles(tempFolder, ".*") : [];
        foreach (var path in Directory.EnumerateFiles(dir, ".*", SearchOption.TopDirectoryOnly).Concat(inTempFolder))
        {
            var name = Path.GetRelativePath(dir, path).Replace(Path.DirectorySeparatorChar, '/');
            if (TempName().IsMatch(name))
            {
                issues.Add(live
                    ? new ValidationIssue(name, ValidationChecks.OrphanedTemp, "a tile being written by the running batch", IssueSeverity.Warning)
                    : new ValidationIssue(name, ValidationChecks.OrphanedTemp, "temporary file of a killed write: run 'axion-tiles resume' (it removes stray temporary files) or delete it", IssueSeverity.Violation));
            }
        }
    }

    /// <summary>Reads every journal of the folder (<see cref="JournalLayout.Find"/>: <c>journal.db</c> and the shard journals) into one snapshot.</summary>
    private static JournalSnapshot? CheckJournal(string dir, HashSet<string> onDisk, bool live, List<ValidationIssue> issues, out bool journalChecked)
    {
        journalChecked = false;
        var files = JournalLayout.Find(dir);
        if (files.Count == 0)
        {
            return null;
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
                return null;
            }
        }

        var journal = new JournalSnapshot(doneFiles, runningRows);
        journalChecked = true;
        foreach (var (file, rowId) in journal.DoneFiles)
        {
            if (!onDisk.Contains(file) && !File.Exists(Path.Combine(dir, file)))
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

        return journal;
    }

    private static bool CheckIndex(string dir, HashSet<string> onDisk, JournalSnapshot? journal, bool live, List<ValidationIssue> issues)
    {
        var indexPath = Path.Combine(dir, IndexCsv);
        if (!File.Exists(indexPath))
        {
            if (journal is { DoneFiles.Count: > 0 } && !live)
            {
                issues.Add(new ValidationIssue(IndexCsv, ValidationChecks.NoIndex, "the journal has done rows but there is no index.csv: run 'axion-tiles merge --out <dir>' (or 'resume') to write it", IssueSeverity.Warning));
            }

            return false;
        }

        IReadOnlyList<TileIndexEntry> entries;
        try
        {
            entries = TileIndexReader.ReadCsv(indexPath);
        }
        catch (Exception ex) when (ex is TileIndexFormatException or IOException or UnauthorizedAccessException)
        {
            issues.Add(new ValidationIssue(IndexCsv, ValidationChecks.IndexUnreadable, ex.Message, IssueSeverity.Violation));
            return false;
        }

        var severity = live ? IssueSeverity.Warning : IssueSeverity.Violation;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (listed.Add(entry.File) && !onDisk.Contains(entry.File) && !File.Exists(Path.Combine(dir, entry.File)))
            {
                issues.Add(new ValidationIssue(entry.File, ValidationChecks.IndexMissing, "index.csv lists it but it is not on disk", severity));
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

    /// <summary>The temporary name of <c>AtomicFile</c>: <c>.&lt;name&gt;.tmp-&lt;hex&gt;</c>.</summary>
    [GeneratedRegex(@"^\..+\.tmp-[0-9a-f]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TempName();
}
