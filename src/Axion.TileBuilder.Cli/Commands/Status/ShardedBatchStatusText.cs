using System.Globalization;
using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Cli.Commands.Status;

/// <summary>The text form of a <see cref="ShardedBatchStatus"/>: the whole batch as for one journal, then a line per shard.</summary>
internal static class ShardedBatchStatusText
{
    /// <summary>The block's lines, without line ends.</summary>
    public static IReadOnlyList<string> Lines(ShardedBatchStatus status)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = BatchStatusText.Lines(status.Whole).ToList();
        lines[0] = status.Whole.Run is { } run
            ? string.Create(inv, $"batch: {status.OutDir}  ({status.ShardCount} shards; catalog {run.Catalog}, csv {run.CsvPath})")
            : string.Create(inv, $"batch: {status.OutDir}  ({status.ShardCount} shards; no run recorded yet)");
        var running = status.Shards.Count(s => s.BuildRunning);
        var finished = status.Shards.Count(ShardedBatchStatus.IsFinished);
        lines.Insert(1, string.Create(inv, $"shards: {running} running, {finished} finished, {status.Shards.Count - finished} unfinished, {status.NotStarted.Count} not started"));
        foreach (var shard in status.Shards)
        {
            lines.Add(ShardLine(shard, status.Whole.ReadAt));
        }

        if (status.NotStarted.Count > 0)
        {
            lines.Add("  not started (no journal): shard(s) " + string.Join(", ", status.NotStarted.Select(i => i.ToString(inv))) + string.Create(inv, $" of {status.ShardCount}"));
        }

        return lines;
    }

    private static string ShardLine(BatchStatus shard, DateTimeOffset readAt)
    {
        var s = shard.Summary;
        var state = shard.BuildRunning ? "running" : ShardedBatchStatus.IsFinished(shard) ? "finished" : "stopped";
        var updated = shard.UpdatedAt is { } at ? $"; last update {at.UtcDateTime:HH:mm:ss}Z ({BatchStatusText.Ago(readAt - at)} ago)" : string.Empty;
        var missing = shard.Timesteps is { Missing: > 0 } t ? string.Create(CultureInfo.InvariantCulture, $"; {t.Missing} timesteps missing") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"  shard {shard.Shard}: {state}; {shard.Finished} of {s.RowsTotal} finished, {s.Count(RowState.Done)} done, {s.Count(RowState.Failed)} failed, {s.Count(RowState.Pending)} pending{missing}; {s.BytesRead / 1e6:F1} MB{updated}");
    }
}
