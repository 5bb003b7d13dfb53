using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Options;

/// <summary>
/// The one home of every numeric build option's name, default, range and unit. <see cref="BuildOptions"/>,
/// <see cref="Selection.SelectionOptions"/>, the journal's run settings, the validator's options and the command line's
/// defaults and <c>--help</c> text all take them from here.
/// </summary>
public static class BuildOptionSpecs
{
    /// <summary>The default of both fraction thresholds, <see cref="MinClear"/> and <see cref="MinValid"/>: 90 %.</summary>
    private const double NinetyPercent = 0.9;

    /// <summary>Tiles across per location (the first number of <c>--tiles</c>).</summary>
    public static readonly OptionSpec<int> TilesX = new("--tiles across", 2, 1, LocationCsvParser.MaxTilesPerAxis, string.Empty);

    /// <summary>Tiles down per location (the second number of <c>--tiles</c>).</summary>
    public static readonly OptionSpec<int> TilesY = new("--tiles down", 2, 1, LocationCsvParser.MaxTilesPerAxis, string.Empty);

    /// <summary>Tile edge, pixels (no flag).</summary>
    public static readonly OptionSpec<int> TileSize = new("tile size", 256, 16, 4096, "pixels");

    /// <summary>Rows processed at the same time.</summary>
    public static readonly OptionSpec<int> Workers = new("--workers", 4, 1, 64, string.Empty);

    /// <summary>
    /// zlib level of a compressed tile's arrays, 1 (fastest) to 9 (smallest). Default 2: float32 tiles come out within
    /// about 1 % of level 6 (numpy's <c>savez_compressed</c>) in about half the CPU (docs/benchmarks.md).
    /// </summary>
    public static readonly OptionSpec<int> CompressionLevel = new("--compression-level", 2, 1, 9, "zlib level");

    /// <summary>Largest multiple of its window's blocks an asset read may download.</summary>
    public static readonly OptionSpec<double> MaxReadFactor = new("--max-read-factor", 8, 1, double.MaxValue, "multiple of the window's blocks");

    /// <summary>Largest scene-level <c>eo:cloud_cover</c>, percent.</summary>
    public static readonly OptionSpec<double> MaxSceneCloud = new("--max-scene-cloud", 30, 0, 100, "percent");

    /// <summary>Smallest clear fraction of the AOI for a scene to be chosen.</summary>
    public static readonly OptionSpec<double> MinClear = new("--min-clear", NinetyPercent, 0, 1, "fraction of the AOI");

    /// <summary>Smallest fraction of valid pixels for a tile to be written (and to pass <c>validate</c>).</summary>
    public static readonly OptionSpec<double> MinValid = new("--min-valid", NinetyPercent, 0, 1, "fraction of a tile");

    /// <summary>Candidate scenes whose SCL is read per row.</summary>
    public static readonly OptionSpec<int> MaxCandidates = new("--max-candidates", 5, 1, int.MaxValue, "scenes");

    /// <summary>Largest time between the Sentinel-2 scene and its Sentinel-1 pair, days.</summary>
    public static readonly OptionSpec<double> S1MaxDays = new("--s1-max-days", 12, 0, double.MaxValue, "days");

    /// <summary>
    /// Catalog requests (STAC searches, items, collections and SAS tokens) one process sends per second at most; 0 = no
    /// cap. Default 10: a row makes about 2 (the Sentinel-2 and Sentinel-1 searches) and a 2-CPU process finishes about
    /// 2.5 rows/s (docs/scale-out.md), so one process is not slowed, while a fleet's total is N x this.
    /// </summary>
    public static readonly OptionSpec<double> MaxStacRps = new("--max-stac-rps", 10, 0, 1000, "requests per second per process, 0 = no cap");

    /// <summary>
    /// Largest random wait, seconds, before a process's first catalog request (<c>--start-jitter</c>). The default depends
    /// on the shard (<see cref="StartJitterRule.DefaultSeconds"/>); this spec's default is that of an unsharded batch.
    /// </summary>
    public static readonly OptionSpec<double> StartJitter = new("--start-jitter", 0, 0, 600, "seconds");

    /// <summary>
    /// Parts the date window is cut into, each with its own scene (<c>--timesteps</c>): 4 over a one-year window gives
    /// seasons. Default 1 (one scene per place, the tile names of the contract).
    /// </summary>
    public static readonly OptionSpec<int> Timesteps = new("--timesteps", 1, 1, 24, "parts of the date window");

    /// <summary>
    /// Timesteps that must have a clear scene for a row to be done (<c>--min-timesteps</c>), 1 up to <see cref="Timesteps"/>.
    /// The spec's default stands for "all of them": the real default is the row's <c>--timesteps</c>.
    /// </summary>
    public static readonly OptionSpec<int> MinTimesteps = new("--min-timesteps", 1, 1, 24, "timesteps");

    /// <summary>Length of the default date window, days.</summary>
    public static readonly OptionSpec<int> WindowDays = new("--window-days", 365, 1, int.MaxValue, "days");
}
