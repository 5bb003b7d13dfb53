using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The files of rows in the out dir: what a row's attempt must not find (files of an interrupted attempt), what a
/// failed row must not leave (its tiles and unfinished temporary files), and stray temporary files of dead runs.
/// Nothing here lists the out dir (it may hold hundreds of thousands of tiles): a row's tiles are deleted by the names
/// its grid allows (<see cref="RowFiles"/>), and temporary files are written into, and looked for in, the small
/// temporary folder <c>&lt;out&gt;/.axion-tmp</c> (<see cref="AtomicRename.TempFolderOf"/>), which holds only the writes in flight.
/// </summary>
public static class RowFileCleanup
{
    /// <summary>Before an attempt: removes the row's quicklook and tiles left by an interrupted attempt.</summary>
    /// <returns>How many tiles were removed.</returns>
    public static int BeforeAttempt(RowFiles row)
    {
        ArgumentNullException.ThrowIfNull(row);
        QuicklookFiles.Delete(row.OutDir, row.RowId, row.Timesteps);
        return TileNames.DeleteTilesOf(row.OutDir, row.RowId, row.TilesX, row.TilesY, row.Timesteps);
    }

    /// <summary>Between two attempts of the same row: removes the partial tiles and quicklooks of the failed one.</summary>
    public static void BetweenAttempts(RowFiles row)
    {
        ArgumentNullException.ThrowIfNull(row);
        QuicklookFiles.Delete(row.OutDir, row.RowId, row.Timesteps);
        TileNames.DeleteTilesOf(row.OutDir, row.RowId, row.TilesX, row.TilesY, row.Timesteps);
    }

    /// <summary>
    /// Deletes the tiles and quicklooks of a failed row (a row of several timesteps can have written some before too few of
    /// them had a clear scene) and the temporary files of its unfinished writes (a write that failed on a
    /// full disk can leave its <c>.tile_...npz.tmp-*</c> behind), so the row leaves no file and the space is free again
    /// before the failure is journaled. Best effort: the next run removes stray temporary files.
    /// </summary>
    public static void AfterFailure(RowFiles row)
    {
        ArgumentNullException.ThrowIfNull(row);
        QuicklookFiles.Delete(row.OutDir, row.RowId, row.Timesteps);
        TileNames.DeleteTilesOf(row.OutDir, row.RowId, row.TilesX, row.TilesY, row.Timesteps);
        RowTempFiles.Remove(AtomicRename.TempFolderOf(row.OutDir), id => string.Equals(id, row.RowId, StringComparison.Ordinal), bestEffort: true);
    }

    /// <summary>
    /// At the start of a run (the out dir is locked): removes the temporary files of earlier runs from the temporary
    /// folder (of the shard's own rows only when sharded: sibling shards write theirs in the same folder).
    /// </summary>
    public static void RemoveOrphanTempFiles(string outDir, ShardSpec? shard)
    {
        if (shard is { } own)
        {
            ShardTempFiles.RemoveOrphansOf(outDir, own);
            return;
        }

        var folder = AtomicRename.TempFolderOf(outDir);
        if (Directory.Exists(folder))
        {
            foreach (var temp in Directory.EnumerateFiles(folder, ".*.tmp-*"))
            {
                File.Delete(temp);
            }
        }
    }
}
