using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// The Sentinel-2 entries of a row's first tiles, deflated ahead by <see cref="TileWriter.DeflateAhead"/>: per tile
/// (row-major), one entry per band in tile order.
/// </summary>
public sealed class TileEntriesAhead
{
    private readonly NpzEntry[][] _entries;

    internal TileEntriesAhead(NpzEntry[][] entries) => _entries = entries;

    /// <summary>Tiles held (the first ones of the grid, row-major).</summary>
    public int Tiles => _entries.Length;

    /// <summary>The entries of the tile at (<paramref name="tileRow"/>, <paramref name="tileCol"/>) of <paramref name="grid"/>, or null when it is not held.</summary>
    public IReadOnlyList<NpzEntry>? For(AoiGrid grid, int tileRow, int tileCol)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var index = (tileRow * grid.TilesX) + tileCol;
        return index < _entries.Length ? _entries[index] : null;
    }
}
