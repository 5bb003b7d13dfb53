using Axion.TileBuilder.Options;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>What <see cref="DatasetValidator"/> checks and how much it lists.</summary>
public readonly record struct ValidationOptions
{
    public ValidationOptions()
    {
    }

    /// <summary>
    /// Smallest fraction of a tile's pixels that must be finite in all six bands jointly. Range and default:
    /// <see cref="BuildOptionSpecs.MinValid"/>, the <c>--min-valid</c> of <c>build</c>.
    /// </summary>
    public double MinValid { get; init; } = BuildOptionSpecs.MinValid.Default;

    /// <summary>How many violations (and, separately, warnings) the report lists; the counts are always complete. 0 lists all. Default 50.</summary>
    public int MaxListed { get; init; } = 50;

    /// <summary>How many worst tiles (lowest finite fraction) the report lists. Default 10.</summary>
    public int WorstListed { get; init; } = 10;

    /// <summary>Cross-check the files against <c>journal.db</c> and <c>index.csv</c> when present. Default true.</summary>
    public bool CheckJournal { get; init; } = true;

    /// <summary>
    /// Verify each zip entry's CRC-32 (one extra decompression per file), so flipped bytes are
    /// found even where the values stay plausible. Default true.
    /// </summary>
    public bool VerifyChecksums { get; init; } = true;

    /// <summary>Files checked at once. Default <see cref="Environment.ProcessorCount"/>; must be &gt;= 1.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
