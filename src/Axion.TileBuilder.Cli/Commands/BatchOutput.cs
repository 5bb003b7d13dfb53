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
        context.Output.WriteLine($"output: {Path.GetFullPath(result.OutDir)} (tile_*.npz, index.csv, index.geojson, journal.db)");
        foreach (var (reason, count) in s.FailuresByReason.OrderByDescending(p => p.Value))
        {
            context.Output.WriteLine(string.Create(inv, $"  failed: {count} x {reason}"));
        }

        if (s.Count(RowState.Failed) > 0)
        {
            context.Output.WriteLine($"see 'axion-tiles status --out {result.OutDir}'; 'axion-tiles resume --out {result.OutDir} --retry-failed' retries transient failures.");
            return ExitCodes.FinishedWithFailures;
        }

        return ExitCodes.Ok;
    }
}
