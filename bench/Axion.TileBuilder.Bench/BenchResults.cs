namespace Axion.TileBuilder.Bench;

/// <summary>Everything one benchmark run measured, for <see cref="BenchReport"/>.</summary>
internal sealed record BenchResults
{
    /// <summary>Physical minimum of bytes per planned row id (empty in <c>--smoke</c>: no plan).</summary>
    public required IReadOnlyDictionary<string, long> Minimum { get; init; }

    /// <summary>The batch runs (empty in <c>--smoke</c>).</summary>
    public required IReadOnlyList<(ChildCost Cost, IReadOnlyList<RowFigures> Rows, long ServedBytes)> Batches { get; init; }

    /// <summary>The <c>--workers 1</c> runs.</summary>
    public required IReadOnlyList<(ChildCost Cost, IReadOnlyList<RowFigures> Rows)> Singles { get; init; }

    /// <summary>Rows both peers read.</summary>
    public required IReadOnlyList<string> PeerRowIds { get; init; }

    /// <summary>Every row of every run of the <c>gdal_translate</c> peer.</summary>
    public required IReadOnlyList<PeerRowCost> GdalTranslateRows { get; init; }

    /// <summary>Asset bytes the server sent to the <c>gdal_translate</c> peer, per row.</summary>
    public required double GdalTranslateBytesPerRow { get; init; }

    /// <summary>The runs of the rasterio peer: each row's reads and the whole Python process.</summary>
    public required IReadOnlyList<(IReadOnlyList<PeerRowCost> Rows, ChildCost Process)> RasterioRuns { get; init; }

    /// <summary>Asset bytes the server sent to the rasterio peer, per row.</summary>
    public required double RasterioBytesPerRow { get; init; }

    /// <summary>The 1-row builds timed from process start to exit.</summary>
    public required IReadOnlyList<ChildCost> ColdStarts { get; init; }
}
