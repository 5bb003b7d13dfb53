using System.Globalization;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Options;

/// <summary>Every knob of a build. Change with <c>with</c>; <c>new BuildOptions()</c> gives the defaults.</summary>
public readonly record struct BuildOptions
{
    public BuildOptions()
    {
    }

    /// <summary>Tiles across per location when the row has no <c>tiles</c> column value, 1..16. Default 2.</summary>
    public int TilesX { get; init; } = 2;

    /// <summary>Tiles down per location when the row has no <c>tiles</c> column value, 1..16. Default 2.</summary>
    public int TilesY { get; init; } = 2;

    /// <summary>Tile edge, pixels, 16..4096. Default 256.</summary>
    public int TileSize { get; init; } = 256;

    /// <summary>Output pixel size, metres. Default 10 (the Sentinel-2 10 m grid).</summary>
    public double PixelSize { get; init; } = 10;

    /// <summary>Locations processed at the same time, 1..64. Default 4.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Scene selection rules (cloud limits, SCL classes, S1 window). Default <c>new SelectionOptions()</c>.</summary>
    public SelectionOptions Selection { get; init; } = new();

    /// <summary>First day of the date window for rows without a <c>start</c> column value, or null for the default (<c>End</c> minus 365 days).</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Last day (inclusive) of the date window for rows without an <c>end</c> column value, or null for today (UTC).</summary>
    public DateOnly? End { get; init; }

    /// <summary>Write the SCL band into each tile. Default false.</summary>
    public bool IncludeScl { get; init; }

    /// <summary>Write a valid-pixel mask band into each tile. Default false.</summary>
    public bool IncludeValidMask { get; init; }

    /// <summary>Compress tiles (DEFLATE). Default true.</summary>
    public bool Compressed { get; init; } = true;

    /// <summary>Also write each tile as a 6-band float32 GeoTIFF (<c>tile_&lt;id&gt;_&lt;row&gt;_&lt;col&gt;.tif</c>) for GIS users. Default false.</summary>
    public bool GeoTiff { get; init; }

    /// <summary>
    /// A location whose bytes read exceed this multiple of its estimate (the compressed blocks its
    /// windows touch) is stopped, so a mis-planned read cannot download whole files. GDAL's own retries of a failing
    /// range read can fetch a window a few times, a whole band file is 20-100 times its window. Default 8.
    /// </summary>
    public double MaxReadBudgetFactor { get; init; } = DefaultMaxReadBudgetFactor;

    /// <summary>
    /// Refuse asset hrefs of a signed source whose host is not one of its signing hosts (row failed:
    /// <c>unsigned_host_refused</c>) instead of reading them unsigned. Default false.
    /// </summary>
    public bool StrictHosts { get; init; }

    /// <summary>The default of <see cref="MaxReadBudgetFactor"/>.</summary>
    public const double DefaultMaxReadBudgetFactor = 8;

    /// <summary>
    /// Read assets that are not cloud-optimized (strip-organised, or blocks far larger than the window) instead of failing
    /// their row as <c>not_cloud_optimized</c> from the header; their reads still stop at <see cref="MaxReadBudgetFactor"/>
    /// times what the window's strips or blocks take. Default false.
    /// </summary>
    public bool AllowNonCog { get; init; }

    /// <summary>Every problem with the values, each naming the option and quoting its value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TilesX is < 1 or > LocationCsvParser.MaxTilesPerAxis)
        {
            errors.Add(Invariant($"tiles across {TilesX} must be 1..{LocationCsvParser.MaxTilesPerAxis}"));
        }

        if (TilesY is < 1 or > LocationCsvParser.MaxTilesPerAxis)
        {
            errors.Add(Invariant($"tiles down {TilesY} must be 1..{LocationCsvParser.MaxTilesPerAxis}"));
        }

        if (TileSize is < 16 or > 4096)
        {
            errors.Add(Invariant($"tile size {TileSize} must be 16..4096 pixels"));
        }

        if (!double.IsFinite(PixelSize) || PixelSize <= 0)
        {
            errors.Add(Invariant($"pixel size {PixelSize} must be a positive number of metres"));
        }

        if (Workers is < 1 or > 64)
        {
            errors.Add(Invariant($"workers {Workers} must be 1..64"));
        }

        if (Start is { } s && End is { } e && s > e)
        {
            errors.Add(Invariant($"start {s:yyyy-MM-dd} is after end {e:yyyy-MM-dd}"));
        }

        if (!double.IsFinite(MaxReadBudgetFactor) || MaxReadBudgetFactor < 1)
        {
            errors.Add(Invariant($"max read budget factor {MaxReadBudgetFactor} must be at least 1"));
        }

        errors.AddRange(Selection.Validate());
        return errors;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
