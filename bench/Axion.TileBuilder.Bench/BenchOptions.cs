namespace Axion.TileBuilder.Bench;

/// <summary>What one benchmark run does.</summary>
public sealed record BenchOptions
{
    /// <summary>Path of <c>axion-tiles.dll</c> (run with <c>dotnet</c>).</summary>
    public required string CliDll { get; init; }

    /// <summary>CSV of the world's location(s); the rows are spread over its scenes.</summary>
    public required string WorldCsv { get; init; }

    /// <summary>Scene side in 10 m pixels. Default 10 980 (a real Sentinel-2 tile).</summary>
    public int ScenePx { get; init; } = 10980;

    /// <summary>Rows of the batch measurement. Default 166.</summary>
    public int Rows { get; init; } = 166;

    /// <summary>Workers of the batch measurement. Default 8.</summary>
    public int Workers { get; init; } = 8;

    /// <summary>Rows timed one at a time (<c>--workers 1</c>) for the per-row figure. Default 12.</summary>
    public int SingleRows { get; init; } = 12;

    /// <summary>Rows read by each peer (<c>gdal_translate</c>, rasterio). Default 12.</summary>
    public int PeerRows { get; init; } = 12;

    /// <summary>1-row builds timed from process start to exit (the cold start). Default 7.</summary>
    public int ColdStartRuns { get; init; } = 7;

    /// <summary>The Python with Debian's rasterio for the rasterio peer. Default <c>/usr/bin/python3</c>.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>Path of the rasterio peer's script (<c>bench/peers/rasterio_peer.py</c>).</summary>
    public required string RasterioScript { get; init; }

    /// <summary>
    /// A quick check that every measurement runs (no plan, no batch; the given rows and runs): for trying the benchmark
    /// on a busy machine, not for figures. Default false.
    /// </summary>
    public bool Smoke { get; init; }

    /// <summary>Added latency per request, ms. Default 50.</summary>
    public int LatencyMs { get; init; } = 50;

    /// <summary>Bandwidth cap per response, bytes/s; 0 = none. Default 0.</summary>
    public long BandwidthBytesPerSecond { get; init; }

    /// <summary>Repetitions of each measurement (figures are medians). Default 3.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Where the world is cached. Default: $AXION_CACHE_DIR or ~/.cache/axion-tiles/worlds (as the CLI).</summary>
    public string? CacheDir { get; init; }

    /// <summary>Scratch folder for batches and peer outputs.</summary>
    public required string WorkDir { get; init; }
}
