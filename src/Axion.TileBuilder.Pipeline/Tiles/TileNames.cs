using System.Globalization;
using System.Text.RegularExpressions;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// Tile file names: <c>tile_&lt;id&gt;_&lt;row&gt;_&lt;col&gt;.npz</c>, flat in the output folder, so the
/// training loader's <c>tile_*.npz</c> glob finds them. Location ids are restricted to
/// <c>[A-Za-z0-9._-]</c>, so a name maps back to exactly one row.
/// </summary>
public static partial class TileNames
{
    /// <summary>File name of a tile.</summary>
    public static string FileName(string rowId, int tileRow, int tileCol) =>
        string.Create(CultureInfo.InvariantCulture, $"tile_{rowId}_{tileRow}_{tileCol}.npz");

    /// <summary>True when <paramref name="fileName"/> is a tile of <paramref name="rowId"/>.</summary>
    public static bool BelongsTo(string fileName, string rowId) =>
        fileName.StartsWith("tile_" + rowId + "_", StringComparison.Ordinal)
        && TileSuffix().IsMatch(fileName.AsSpan("tile_".Length + rowId.Length));

    /// <summary>Deletes the tiles of a row (before a row caught mid-way is redone).</summary>
    public static int DeleteTilesOf(string outDir, string rowId)
    {
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(outDir, "tile_" + rowId + "_*.npz"))
        {
            if (BelongsTo(Path.GetFileName(path), rowId))
            {
                File.Delete(path);
                File.Delete(Path.ChangeExtension(path, ".tif")); // the --format geotiff copy, if any
                deleted++;
            }
        }

        return deleted;
    }

    [GeneratedRegex(@"^_\d+_\d+\.npz$", RegexOptions.CultureInvariant)]
    private static partial Regex TileSuffix();
}
