using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Stac.Security;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>Writes <c>index.csv</c>/<c>index.geojson</c> at the end of a run; a failure there does not fail the batch.</summary>
public static class BatchIndex
{
    /// <summary>
    /// Rewrites the index from the journal; logs an error and goes on when it cannot be written. A shard writes no
    /// index: the dataset's index comes from merging every shard's journal (<c>axion-tiles merge</c>).
    /// </summary>
    /// <returns>The files written; null for a shard or when they could not be written.</returns>
    public static TileIndexFiles? WriteOrLog(string outDir, BatchJournal journal, ShardSpec? shard, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (shard is not null)
        {
            log.Information("Shard {Shard} writes no index files: 'axion-tiles merge --out {OutDir}' writes the dataset's index from every shard journal", shard, outDir);
            return null;
        }

        try
        {
            return TileIndex.Write(outDir, journal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or AxionException)
        {
            // The index is rebuilt from the journal by every run; the tiles and the journal are intact.
            log.Error("Could not write index.csv/index.geojson ({Message}); the next build or resume writes them", SecretRedactor.Redact(ex.Message));
            return null;
        }
    }
}
