namespace Axion.TileBuilder.Bench.Bookkeeping;

/// <summary>What the bookkeeping benchmark (<c>axion-bench bookkeeping</c>, <c>scripts/bench-bookkeeping.sh</c>) measures.</summary>
public sealed record BookkeepingOptions
{
    /// <summary>Path of <c>axion-tiles.dll</c> (run with <c>dotnet</c>).</summary>
    public required string CliDll { get; init; }

    /// <summary>CSV of the world's location(s) (the <c>plan</c> rows are spread over its scene).</summary>
    public required string WorldCsv { get; init; }

    /// <summary>Scene side of the world <c>plan</c> runs against, 10 m pixels. Default 10 980 (the main benchmark's world, cached).</summary>
    public int ScenePx { get; init; } = 10980;

    /// <summary>Tile files already in the out dir for the "full" case of the per-row cost. Default 400 000.</summary>
    public int ExistingTiles { get; init; } = 400_000;

    /// <summary>Rows per measurement of the per-row cost. Default 1000.</summary>
    public int BookkeepingRows { get; init; } = 1000;

    /// <summary>Repetitions of the per-row cost, each case, alternating which goes first (medians are reported). Default 5.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Journal sizes (rows, 4 tiles each) that <c>status</c> and <c>merge</c> run over. Default 10 000, 30 000 and 100 000.</summary>
    public IReadOnlyList<int> JournalRows { get; init; } = [10_000, 30_000, 100_000];

    /// <summary>CSV sizes (rows) that <c>plan</c> runs over. Default 500 and 2 000.</summary>
    public IReadOnlyList<int> PlanRows { get; init; } = [500, 2_000];

    /// <summary>Scratch folder. Default /tmp/axion-bench-bookkeeping.</summary>
    public required string WorkDir { get; init; }

    /// <summary>Where the big journals are written first (fsync is free there), then moved to <see cref="WorkDir"/>. Default /dev/shm when it exists.</summary>
    public string? FastScratch { get; init; }
}
