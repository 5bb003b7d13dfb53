using System.Globalization;
using System.Text.RegularExpressions;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// Tile file names: <c>tile_&lt;id&gt;_&lt;row&gt;_&lt;col&gt;.npz</c>, and <c>tile_&lt;id&gt;_&lt;row&gt;_&lt;col&gt;_t&lt;k&gt;.npz</c>
/// for timestep k of a batch with <c>--timesteps</c> above 1, flat in the output folder, so the training loader's
/// <c>tile_*.npz</c> glob finds them. Location ids are restricted to <c>[A-Za-z0-9._-]</c>, so a name maps back to
/// exactly one row.
/// </summary>
public static partial class TileNames
{
    /// <summary>File name of a tile; <paramref name="timestep"/> is null in a batch of one timestep (no <c>_t</c> suffix).</summary>
    public static string FileName(string rowId, int tileRow, int tileCol, int? timestep = null) => timestep is { } k
        ? string.Create(CultureInfo.InvariantCulture, $"tile_{rowId}_{tileRow}_{tileCol}_t{k}.npz")
        : string.Create(CultureInfo.InvariantCulture, $"tile_{rowId}_{tileRow}_{tileCol}.npz");

    /// <summary>The timestep part of a name: null in a batch of one timestep, else 0 up to <paramref name="timesteps"/> - 1.</summary>
    public static IEnumerable<int?> TimestepsOf(int timesteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timesteps, 1);
        return timesteps == 1 ? [null] : Enumerable.Range(0, timesteps).Select(k => (int?)k);
    }

    /// <summary>The <c>--format geotiff</c> copy of a tile: the same name (or path) with <c>.tif</c> for <c>.npz</c>.</summary>
    public static string GeoTiffCopyOf(string tileFileName) => Path.ChangeExtension(tileFileName, ".tif");

    /// <summary>True when <paramref name="fileName"/> is a tile of <paramref name="rowId"/>.</summary>
    public static bool BelongsTo(string fileName, string rowId) =>
        fileName.StartsWith("tile_" + rowId + "_", StringComparison.Ordinal)
        && TileSuffix().IsMatch(fileName.AsSpan("tile_".Length + rowId.Length));

    /// <summary>
    /// Every tile file name a row's grid allows, <c>tile_&lt;id&gt;_&lt;r&gt;_&lt;c&gt;[_t&lt;k&gt;].npz</c> for <c>r &lt; tilesY</c>,
    /// <c>c &lt; tilesX</c> (and every timestep), timestep by timestep, row by row: what a row can have written, known
    /// without listing anything.
    /// </summary>
    public static IEnumerable<string> NamesOf(string rowId, int tilesX, int tilesY, int timesteps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tilesX, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tilesY, 1);
        foreach (var k in TimestepsOf(timesteps))
        {
            for (var r = 0; r < tilesY; r++)
            {
                for (var c = 0; c < tilesX; c++)
                {
                    yield return FileName(rowId, r, c, k);
                }
            }
        }
    }

    /// <summary>
    /// Deletes the tiles a row can have, <c>tile_&lt;id&gt;_&lt;r&gt;_&lt;c&gt;.npz</c> (and its GeoTIFF copy) for every
    /// <c>r &lt; tilesY</c>, <c>c &lt; tilesX</c> of the row's grid, by name: the output folder is never listed, so the
    /// cost does not grow with the tiles of other rows in it (before a row caught mid-way is redone).
    /// </summary>
    /// <param name="outDir">The output folder.</param>
    /// <param name="rowId">The row's id.</param>
    /// <param name="tilesX">Tiles across in the row's grid (1..16).</param>
    /// <param name="tilesY">Tiles down in the row's grid (1..16).</param>
    /// <param name="timesteps">The batch's <c>--timesteps</c> (default 1).</param>
    /// <returns>How many <c>.npz</c> tiles were deleted.</returns>
    public static int DeleteTilesOf(string outDir, string rowId, int tilesX, int tilesY, int timesteps = 1)
    {
        var deleted = 0;
        foreach (var name in NamesOf(rowId, tilesX, tilesY, timesteps))
        {
            var path = Path.Combine(outDir, name);
            if (File.Exists(path))
            {
                File.Delete(path);
                deleted++;
            }

            File.Delete(GeoTiffCopyOf(path)); // the --format geotiff copy, if any (a missing file is no error)
        }

        return deleted;
    }

    [GeneratedRegex(@"^_\d+_\d+(_t\d+)?\.npz$", RegexOptions.CultureInvariant)]
    private static partial Regex TileSuffix();
}
