using System.Globalization;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>Prints the end of a batch and maps it to an exit code.</summary>
internal static class BatchOutput
{
    public static int Finish(CommandContext context, BatchResult result)
    {
        var s = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        context.Output.WriteLine(string.Create(inv, $"rows: {s.Count(RowState.Done)} done, {s.Count(RowState.Failed)} failed, {s.Count(RowState.Pending) + s.Count(RowState.Running)} pending, {s.RowsTotal} total"));
        context.Output.WriteLine(string.Create(inv, $"tiles: {s.TilesWritten} written, {s.TilesRejected} rejected; {s.BytesRead / 1e6:F1} MB read; {result.Elapsed.TotalSeconds:F1} s"));
        var outDir = Path.GetFullPath(result.OutDir);
        context.Output.WriteLine(result.Shard is { } shard
            ? $"output: {outDir} (tile_*.npz; this shard's journal {ShardedBatchLayout.JournalName(shard)}; 'axion-tiles merge --out {result.OutDir}' writes the index once the shards are done)"
            : $"output: {outDir} (tile_*.npz, index.csv, index.geojson, index.parquet, journal.db)");
        foreach (var (reason, count) in s.FailuresByReason.OrderByDescending(p => p.Value))
        {
            context.Output.WriteLine(string.Create(inv, $"  failed: {count} x {reason}"));
        }

        if (s.Count(RowState.Failed) > 0)
        {
            var shardArgument = result.Shard is { } failedShard ? $" --shard {failedShard}" : string.Empty;
            context.Output.WriteLine($"see 'axion-tiles status --out {result.OutDir}{shardArgument}'; 'axion-tiles resume --out {result.OutDir}{shardArgument} --retry-failed' retries transient failures.");
            return ExitCodes.FinishedWithFailures;
        }

        return ExitCodes.Ok;
    }
}
