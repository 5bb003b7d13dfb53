namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>What happened to one tile of the AOI grid, for the quicklook's outlines.</summary>
/// <param name="Row">Tile row in the AOI grid, 0 = north.</param>
/// <param name="Col">Tile column in the AOI grid, 0 = west.</param>
/// <param name="Written">True when the tile was written (green outline); false when rejected (red outline, crossed).</param>
/// <param name="Reason">Why a rejected tile was rejected (e.g. <c>valid_fraction_below_min</c>); null for a written tile.</param>
public readonly record struct QuicklookTile(int Row, int Col, bool Written, string? Reason = null)
{
    /// <summary>A written tile.</summary>
    public static QuicklookTile WrittenAt(int row, int col) => new(row, col, true);

    /// <summary>A rejected tile and why.</summary>
    public static QuicklookTile RejectedAt(int row, int col, string reason) => new(row, col, false, reason);
}
