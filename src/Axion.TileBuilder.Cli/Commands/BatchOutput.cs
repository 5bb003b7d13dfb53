using System.Globalization;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>Prints the end of a batch and maps it to an exit code.</summary>
internal static class BatchOutput
{
    /// <param name="context">The command's context.</param>
    /// <param name="result">The finished batch.</param>
    /// <param name="shownOut">The <c>--out</c> to name in hints: the folder, or the az:// / s3:// location.</param>
    public static int Finish(CommandContext context, BatchResult result, string shownOut)
    {
        var s = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        context.Output.WriteLine(string.Create(inv, $"rows: {s.Count(RowState.Done)} done, {s.Count(RowState.Failed)} failed, {s.Count(RowState.Pending) + s.Count(RowState.Running)} pending, {s.RowsTotal} total"));
        context.Output.WriteLine(string.Create(inv, $"tiles: {s.TilesWritten} written, {s.TilesRejected} rejected; {s.BytesRead / 1e6:F1} MB read; {result.Elapsed.TotalSeconds:F1} s"));
        var quoted = ShellText.Quote(shownOut);
        context.Output.WriteLine(result.Shard is { } shard
            ? $"output: {shownOut} (tile_*.npz; this shard's journal {ShardedBatchLayout.JournalName(shard)}; 'axion-tiles merge --out {quoted}' writes the index once the shards are done)"
            : $"output: {shownOut} (tile_*.npz, index.csv, index.geojson, index.parquet, journal.db)");
        foreach (var (reason, count) in s.FailuresByReason.OrderByDescending(p => p.Value))
        {
            context.Output.WriteLine(string.Create(inv, $"  failed: {count} x {reason}"));
        }

        if (s.Count(RowState.Failed) > 0)
        {
            var shardArgument = result.Shard is { } failedShard ? $" --shard {failedShard}" : string.Empty;
            context.Output.WriteLine($"see 'axion-tiles status --out {quoted}{shardArgument}'; 'axion-tiles resume --out {quoted}{shardArgument} --retry-failed' retries transient failures.");
            return ExitCodes.FinishedWithFailures;
        }

        return ExitCodes.Ok;
    }
}
