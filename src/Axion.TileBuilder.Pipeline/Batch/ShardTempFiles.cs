using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The temporary files (<c>.&lt;name&gt;.tmp-&lt;random&gt;</c>) a killed shard left in the temporary folder
/// <c>&lt;out&gt;/.axion-tmp</c> it shares with its siblings. A shard removes only those of its own rows (tiles, their
/// GeoTIFF copies, quicklooks): a sibling running at the same time is writing its own temporary files next to them.
/// Only the temporary folder is listed (it holds the writes in flight), never the out dir.
/// </summary>
public static class ShardTempFiles
{
    /// <summary>Deletes the orphan temporary files of <paramref name="shard"/>'s rows; returns how many.</summary>
    public static int RemoveOrphansOf(string outDir, ShardSpec shard)
        => RowTempFiles.Remove(AtomicRename.TempFolderOf(outDir), shard.Contains, bestEffort: false);
}
