using System.Globalization;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>
/// Everything a quicklook shows, as plain arrays on the AOI grid (row-major, <see cref="Width"/> x
/// <see cref="Height"/>, row 0 = north). The renderer only reads them.
/// </summary>
public sealed record QuicklookInput
{
    /// <summary>Reason given to rejected tiles by <see cref="FromBands"/>: the tile writer's only rejection rule.</summary>
    public const string DefaultRejectedReason = "valid_fraction_below_min";

    /// <summary>AOI width, pixels (tiles x tile size).</summary>
    public required int Width { get; init; }

    /// <summary>AOI height, pixels.</summary>
    public required int Height { get; init; }

    /// <summary>Sentinel-2 reflectance B02, B03, B04, B08 in that order (0-1, NaN where no data or masked). B08 is not drawn.</summary>
    public required IReadOnlyList<float[]> S2 { get; init; }

    /// <summary>Sentinel-2 scene classification at 10 m (nearest).</summary>
    public required byte[] Scl { get; init; }

    /// <summary>Sentinel-1 VV backscatter, dB, NaN where no data.</summary>
    public required float[] S1Vv { get; init; }

    /// <summary>Sentinel-1 VH backscatter, dB, NaN where no data.</summary>
    public required float[] S1Vh { get; init; }

    /// <summary>Tile edge, pixels. Default 256.</summary>
    public int TileSize { get; init; } = 256;

    /// <summary>Tile columns of the AOI grid.</summary>
    public required int TilesX { get; init; }

    /// <summary>Tile rows of the AOI grid.</summary>
    public required int TilesY { get; init; }

    /// <summary>Written and rejected tiles; a grid cell not listed gets only the grid lines. Default none.</summary>
    public IReadOnlyList<QuicklookTile> Tiles { get; init; } = [];

    /// <summary>The Sentinel-2 bands a quicklook needs, in <see cref="S2"/> order.</summary>
    public static IReadOnlyList<string> BandNames { get; } = ["B02", "B03", "B04", "B08"];

    /// <summary>
    /// The input for a row as the pipeline holds it: its bands, its grid and the positions of the tiles written (<see cref="TileSelection.Written"/>).
    /// Every grid cell without a written tile is marked rejected with <paramref name="rejectedReason"/>.
    /// </summary>
    public static QuicklookInput FromBands(BandSet bands, AoiGrid grid, IEnumerable<(int TileRow, int TileCol)> written, string rejectedReason = DefaultRejectedReason)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(written);
        var done = written.ToHashSet();
        var tiles = new List<QuicklookTile>(grid.TilesX * grid.TilesY);
        for (var r = 0; r < grid.TilesY; r++)
        {
            for (var c = 0; c < grid.TilesX; c++)
            {
                tiles.Add(done.Contains((r, c)) ? QuicklookTile.WrittenAt(r, c) : QuicklookTile.RejectedAt(r, c, rejectedReason));
            }
        }

        return new QuicklookInput
        {
            Width = grid.Width,
            Height = grid.Height,
            S2 = [.. BandNames.Select(bands.S2Of)],
            Scl = bands.Scl,
            S1Vv = bands.S1Vv,
            S1Vh = bands.S1Vh,
            TileSize = grid.TileSize,
            TilesX = grid.TilesX,
            TilesY = grid.TilesY,
            Tiles = tiles,
        };
    }

    /// <summary>Checks sizes and tile positions; throws <see cref="ArgumentException"/> quoting the bad value.</summary>
    public void Validate()
    {
        if (Width <= 0 || Height <= 0)
        {
            throw Bad($"the AOI size must be positive, got {Width} x {Height}");
        }

        if (TileSize <= 0 || TilesX <= 0 || TilesY <= 0 || (long)TilesX * TileSize > Width || (long)TilesY * TileSize > Height)
        {
            throw Bad($"the tile grid {TilesX} x {TilesY} of {TileSize} px must be positive and fit in the {Width} x {Height} AOI");
        }

        var n = (long)Width * Height;
        if (S2 is null || S2.Count != 4)
        {
            throw Bad($"S2 must hold the 4 bands B02, B03, B04, B08, got {S2?.Count ?? 0}");
        }

        CheckLength("S2[B02]", S2[0]?.Length, n);
        CheckLength("S2[B03]", S2[1]?.Length, n);
        CheckLength("S2[B04]", S2[2]?.Length, n);
        CheckLength("S2[B08]", S2[3]?.Length, n);
        CheckLength(nameof(Scl), Scl?.Length, n);
        CheckLength(nameof(S1Vv), S1Vv?.Length, n);
        CheckLength(nameof(S1Vh), S1Vh?.Length, n);
        foreach (var t in Tiles ?? [])
        {
            if (t.Row < 0 || t.Row >= TilesY || t.Col < 0 || t.Col >= TilesX)
            {
                throw Bad($"tile ({t.Row}, {t.Col}) is outside the {TilesX} x {TilesY} grid");
            }
        }
    }

    private static void CheckLength(string name, int? length, long expected)
    {
        if (length != expected)
        {
            throw Bad($"{name} must hold {expected} values (width x height), got {(length is null ? "null" : length.Value.ToString(CultureInfo.InvariantCulture))}");
        }
    }

    private static ArgumentException Bad(FormattableString message) =>
        new("invalid quicklook input: " + message.ToString(CultureInfo.InvariantCulture));
}
