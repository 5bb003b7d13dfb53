namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>How much of a batch the HTML report looks at.</summary>
public readonly record struct ReportOptions
{
    public ReportOptions()
    {
    }

    /// <summary>Locations listed in the table, in CSV line order; the rest are counted. Default 2000.</summary>
    public int MaxRows { get; init; } = 2000;

    /// <summary>Tiles read for the histograms, picked evenly over the sorted tile list. Default 500.</summary>
    public int MaxHistogramTiles { get; init; } = 500;

    /// <summary>Every n-th pixel of a tile (row-major) goes into the histograms. Default 7.</summary>
    public int SampleStride { get; init; } = 7;

    /// <summary>Bins per band histogram. Default 50.</summary>
    public int Bins { get; init; } = 50;

    /// <summary>Problems with the values, one message each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxRows < 0)
        {
            errors.Add($"--max-rows must be >= 0, got {MaxRows}");
        }

        if (MaxHistogramTiles < 0)
        {
            errors.Add($"--max-tiles must be >= 0, got {MaxHistogramTiles}");
        }

        if (SampleStride < 1)
        {
            errors.Add($"the sample stride must be >= 1, got {SampleStride}");
        }

        if (Bins is < 1 or > 1000)
        {
            errors.Add($"the histogram bins must be 1..1000, got {Bins}");
        }

        return errors;
    }
}
