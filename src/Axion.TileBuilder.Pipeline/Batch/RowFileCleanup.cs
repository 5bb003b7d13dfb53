using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The files of rows in the out dir: what a row's attempt must not find (files of an interrupted attempt), what a
/// failed row must not leave (its tiles and unfinished temporary files), and stray temporary files of dead runs.
/// </summary>
public static class RowFileCleanup
{
    /// <summary>Before an attempt: removes the row's quicklook and tiles left by an interrupted attempt.</summary>
    /// <returns>How many tiles were removed.</returns>
    public static int BeforeAttempt(string outDir, string rowId)
    {
        QuicklookFiles.Delete(outDir, rowId);
        return TileNames.DeleteTilesOf(outDir, rowId);
    }

    /// <summary>Between two attempts of the same row: removes the partial tiles of the failed one.</summary>
    public static void BetweenAttempts(string outDir, string rowId) => TileNames.DeleteTilesOf(outDir, rowId);

    /// <summary>
    /// Deletes the tiles of a failed row and the temporary files of its unfinished tile writes (a write that
    /// failed on a full disk can leave its <c>.tile_...npz.tmp-*</c> behind), so the row leaves no file and the
    /// space is free again before the failure is journaled. Best effort: the next run removes stray temporary files.
    /// </summary>
    public static void AfterFailure(string outDir, string rowId)
    {
        TileNames.DeleteTilesOf(outDir, rowId);
        foreach (var temp in Directory.EnumerateFiles(outDir, ".tile_" + rowId + "_*.tmp-*"))
        {
            var name = Path.GetFileName(temp);
            var marker = name.LastIndexOf(".tmp-", StringComparison.Ordinal);
            if (marker > 1 && TileNames.BelongsTo(name[1..marker], rowId))
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                    // Best effort: the next run removes stray temporary files anyway.
                }
            }
        }
    }

    /// <summary>At the start of a run (the out dir is locked): removes every temporary file of earlier runs.</summary>
    public static void RemoveOrphanTempFiles(string outDir, ShardSpec? shard)
    {
        if (shard is { } own)
        {
            ShardTempFiles.RemoveOrphansOf(outDir, own); // sibling shards write their own temporary files in the same folder
            return;
        }

        QuicklookFiles.RemoveOrphanTempFiles(outDir);
        foreach (var temp in Directory.EnumerateFiles(outDir, ".*.tmp-*"))
        {
            File.Delete(temp);
        }
    }
}
