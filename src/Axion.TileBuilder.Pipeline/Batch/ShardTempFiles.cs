using System.Text.RegularExpressions;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The temporary files (<c>.&lt;name&gt;.tmp-&lt;random&gt;</c>) a killed shard left in an out dir it shares with its siblings.
/// A shard removes only those of its own rows (tiles, their GeoTIFF copies, quicklooks): a sibling running at the same
/// time is writing its own temporary files next to them.
/// </summary>
public static partial class ShardTempFiles
{
    /// <summary>Deletes the orphan temporary files of <paramref name="shard"/>'s rows; returns how many.</summary>
    public static int RemoveOrphansOf(string outDir, ShardSpec shard)
    {
        var removed = Remove(outDir, TileTemp(), shard);
        var quicklooks = Path.Combine(outDir, QuicklookFiles.Directory);
        return Directory.Exists(quicklooks) ? removed + Remove(quicklooks, QuicklookTemp(), shard) : removed;
    }

    private static int Remove(string folder, Regex pattern, ShardSpec shard)
    {
        var removed = 0;
        foreach (var temp in Directory.EnumerateFiles(folder, ".*.tmp-*"))
        {
            if (pattern.Match(Path.GetFileName(temp)) is { Success: true } match && shard.Contains(match.Groups["id"].Value))
            {
                File.Delete(temp);
                removed++;
            }
        }

        return removed;
    }

    [GeneratedRegex(@"^\.tile_(?<id>.+)_\d+_\d+\.(npz|tif)\.tmp-[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TileTemp();

    [GeneratedRegex(@"^\.(?<id>.+)\.png\.tmp-[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex QuicklookTemp();
}
