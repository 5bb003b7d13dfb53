using System.Globalization;
using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Options;

/// <summary>
/// Every knob of a build. Change with <c>with</c>; <c>new BuildOptions()</c> gives the defaults, which (with the ranges)
/// come from <see cref="BuildOptionSpecs"/>.
/// </summary>
public readonly record struct BuildOptions
{
    public BuildOptions()
    {
    }

    /// <summary>Tiles across per location when the row has no <c>tiles</c> column value (range and default: <see cref="BuildOptionSpecs.TilesX"/>).</summary>
    public int TilesX { get; init; } = BuildOptionSpecs.TilesX.Default;

    /// <summary>Tiles down per location when the row has no <c>tiles</c> column value (range and default: <see cref="BuildOptionSpecs.TilesY"/>).</summary>
    public int TilesY { get; init; } = BuildOptionSpecs.TilesY.Default;

    /// <summary>Tile edge, pixels (range and default: <see cref="BuildOptionSpecs.TileSize"/>).</summary>
    public int TileSize { get; init; } = BuildOptionSpecs.TileSize.Default;

    /// <summary>Output pixel size, metres. Default 10 (the Sentinel-2 10 m grid).</summary>
    public double PixelSize { get; init; } = 10;

    /// <summary>Locations processed at the same time (range and default: <see cref="BuildOptionSpecs.Workers"/>).</summary>
    public int Workers { get; init; } = BuildOptionSpecs.Workers.Default;

    /// <summary>Scene selection rules (cloud limits, SCL classes, S1 window). Default <c>new SelectionOptions()</c>.</summary>
    public SelectionOptions Selection { get; init; } = new();

    /// <summary>First day of the date window for rows without a <c>start</c> column value, or null for the default (<c>End</c> minus <see cref="SelectionOptions.DefaultWindowDays"/>).</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Last day (inclusive) of the date window for rows without an <c>end</c> column value, or null for today (UTC).</summary>
    public DateOnly? End { get; init; }

    /// <summary>
    /// The Sentinel-2 bands written, in key order (<c>--bands</c>). Default <see cref="BandSelection.Default"/>
    /// (B02, B03, B04, B08).
    /// </summary>
    public IReadOnlyList<SpectralBand> Bands { get; init; } = BandSelection.Default;

    /// <summary>How 20 m and 60 m bands are resampled onto the 10 m grid (<c>--resampling</c>). Default bilinear.</summary>
    public BandResampling Resampling { get; init; } = BandResamplingNames.Default;

    /// <summary>
    /// Parts the date window is cut into (<see cref="DateWindow.Split"/>), each with its own Sentinel-2 scene and Sentinel-1
    /// pair and its own tiles <c>tile_&lt;id&gt;_&lt;r&gt;_&lt;c&gt;_t&lt;k&gt;.npz</c> (<c>--timesteps</c>; range and default:
    /// <see cref="BuildOptionSpecs.Timesteps"/>). With 1 the tiles keep the names of the contract.
    /// </summary>
    public int Timesteps { get; init; } = BuildOptionSpecs.Timesteps.Default;

    /// <summary>
    /// Timesteps that must have a clear scene and written tiles for a row to be done (<c>--min-timesteps</c>), 1 up to
    /// <see cref="Timesteps"/>; null means all of them.
    /// </summary>
    public int? MinTimesteps { get; init; }

    /// <summary>Timesteps a row needs to be done: <see cref="MinTimesteps"/>, or all <see cref="Timesteps"/>.</summary>
    public int RequiredTimesteps => MinTimesteps ?? Timesteps;

    /// <summary>Write the SCL band into each tile. Default false.</summary>
    public bool IncludeScl { get; init; }

    /// <summary>Write a valid-pixel mask band into each tile. Default false.</summary>
    public bool IncludeValidMask { get; init; }

    /// <summary>Compress tiles (DEFLATE). Default true.</summary>
    public bool Compressed { get; init; } = true;

    /// <summary>zlib level of compressed tiles, 1-9 (<see cref="BuildOptionSpecs.CompressionLevel"/>; default 2). Ignored when not <see cref="Compressed"/>.</summary>
    public int CompressionLevel { get; init; } = BuildOptionSpecs.CompressionLevel.Default;

    /// <summary>The zlib level a tile's arrays are written at: 0 (stored) when not <see cref="Compressed"/>, else <see cref="CompressionLevel"/>.</summary>
    public int TileCompressionLevel => Compressed ? CompressionLevel : 0;

    /// <summary>Also write each tile as a 6-band float32 GeoTIFF (<c>tile_&lt;id&gt;_&lt;row&gt;_&lt;col&gt;.tif</c>) for GIS users. Default false.</summary>
    public bool GeoTiff { get; init; }

    /// <summary>
    /// A location whose bytes read exceed this multiple of its estimate (the compressed blocks its
    /// windows touch) is stopped, so a mis-planned read cannot download whole files. GDAL's own retries of a failing
    /// range read can fetch a window a few times, a whole band file is 20-100 times its window (range and default: <see cref="BuildOptionSpecs.MaxReadFactor"/>).
    /// </summary>
    public double MaxReadBudgetFactor { get; init; } = BuildOptionSpecs.MaxReadFactor.Default;

    /// <summary>
    /// Refuse asset hrefs of a signed source whose host is not one of its signing hosts (row failed:
    /// <c>unsigned_host_refused</c>) instead of reading them unsigned. Default false.
    /// </summary>
    public bool StrictHosts { get; init; }

    /// <summary>
    /// Read assets that are not cloud-optimized (strip-organised, or blocks far larger than the window) instead of failing
    /// their row as <c>not_cloud_optimized</c> from the header; their reads still stop at <see cref="MaxReadBudgetFactor"/>
    /// times what the window's strips or blocks take. Default false.
    /// </summary>
    public bool AllowNonCog { get; init; }

    /// <summary>
    /// Catalog requests (STAC and SAS token) per second the process sends at most, shared by all workers; 0 = no cap (range
    /// and default: <see cref="BuildOptionSpecs.MaxStacRps"/>). Does not change the tiles.
    /// </summary>
    public double MaxStacRps { get; init; } = BuildOptionSpecs.MaxStacRps.Default;

    /// <summary>Every problem with the values, each naming the option and quoting its value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new[]
        {
            BuildOptionSpecs.TilesX.Problem(TilesX),
            BuildOptionSpecs.TilesY.Problem(TilesY),
            BuildOptionSpecs.TileSize.Problem(TileSize),
            !double.IsFinite(PixelSize) || PixelSize <= 0 ? Invariant($"pixel size {PixelSize} must be a positive number of metres") : null,
            BuildOptionSpecs.Workers.Problem(Workers),
            Start is { } s && End is { } e && s > e ? Invariant($"--start {s:yyyy-MM-dd} is after --end {e:yyyy-MM-dd}") : null,
            BuildOptionSpecs.MaxReadFactor.Problem(MaxReadBudgetFactor),
            BuildOptionSpecs.MaxStacRps.Problem(MaxStacRps),
            BuildOptionSpecs.CompressionLevel.Problem(CompressionLevel),
            Bands is null || Bands.Count == 0 ? "--bands: no band given" : null,
            BuildOptionSpecs.Timesteps.Problem(Timesteps),
            MinTimesteps is { } min && (min < 1 || min > Timesteps) ? Invariant($"--min-timesteps {min} must be 1..{Timesteps} (--timesteps)") : null,
        }.OfType<string>().ToList();
        errors.AddRange(Selection.Validate());
        return errors;
    }

    /// <summary>Throws a bad-input <see cref="AxionException"/> listing every problem <see cref="Validate"/> finds; call it before any work.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new AxionException(FailureKind.BadInput, "invalid options: " + string.Join("; ", errors));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
