namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>What <see cref="DatasetValidator.Validate"/> found in a dataset folder.</summary>
public sealed record ValidationReport
{
    /// <summary>The dataset: the folder's full path, or <c>az://CONTAINER/PREFIX</c> / <c>s3://BUCKET/PREFIX</c>.</summary>
    public required string Directory { get; init; }

    /// <summary><c>.npz</c> files opened and checked.</summary>
    public required int FilesChecked { get; init; }

    /// <summary>Checked files without violations (they may have warnings).</summary>
    public required int FilesOk { get; init; }

    /// <summary>Checked files with at least one violation of their own (cross-checks included).</summary>
    public required int FilesWithViolations { get; init; }

    /// <summary>Checked files with at least one warning.</summary>
    public required int FilesWithWarnings { get; init; }

    /// <summary>All violations found (also those not listed).</summary>
    public required int ViolationCount { get; init; }

    /// <summary>All warnings found (also those not listed).</summary>
    public required int WarningCount { get; init; }

    /// <summary>Violations by check name (complete).</summary>
    public required IReadOnlyDictionary<string, int> ViolationsByCheck { get; init; }

    /// <summary>Warnings by check name (complete).</summary>
    public required IReadOnlyDictionary<string, int> WarningsByCheck { get; init; }

    /// <summary>The first <see cref="ValidationOptions.MaxListed"/> violations, ordered by file then check.</summary>
    public required IReadOnlyList<ValidationIssue> Violations { get; init; }

    /// <summary>The first <see cref="ValidationOptions.MaxListed"/> warnings, ordered by file then check.</summary>
    public required IReadOnlyList<ValidationIssue> Warnings { get; init; }

    /// <summary>The tiles with the lowest finite fraction, lowest first (at most <see cref="ValidationOptions.WorstListed"/>).</summary>
    public required IReadOnlyList<TileQuality> LowestFiniteFraction { get; init; }

    /// <summary>Whether <c>journal.db</c> was present and read.</summary>
    public required bool JournalChecked { get; init; }

    /// <summary>Whether <c>index.csv</c> was present and read.</summary>
    public required bool IndexChecked { get; init; }

    /// <summary>Whether another process held the folder's lock (a batch running) during the check.</summary>
    public required bool BatchRunning { get; init; }

    /// <summary>The threshold used for the joint finite fraction (0..1).</summary>
    public required double MinValid { get; init; }

    /// <summary>True when no violation was found.</summary>
    public bool Passed => ViolationCount == 0;
}
