using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary><c>axion-tiles status</c>: what the journal of a batch says.</summary>
internal static class StatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "The batch's output folder (holding journal.db).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON on standard output." };
        var failures = new Option<int>("--failures") { Description = "How many failed rows to list with their reason. Default 20.", DefaultValueFactory = _ => 20 };
        var command = new Command(
            "status",
            "Counts by state, failure reasons, tiles, MB read and time of a batch.\n\nExample: axion-tiles status --out data/tiles --json")
        {
            outDir, json, failures,
        };
        var shards = new ShardOptionSet();
        shards.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, (context, _) =>
        {
            var dir = parse.GetRequiredValue(outDir).FullName;
            var shard = shards.Resolve(parse, context.Log);
            using var journal = ShardedBatchLayout.OpenJournal(dir, shard, create: false);
            var s = journal.Summarize();
            var failed = journal.List(RowState.Failed);
            var inv = CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                var doc = new
                {
                    out_dir = dir,
                    shard = shard?.ToString(),
                    catalog = journal.Run?.Catalog,
                    csv = journal.Run?.CsvPath,
                    rows_total = s.RowsTotal,
                    rows = new
                    {
                        pending = s.Count(RowState.Pending),
                        running = s.Count(RowState.Running),
                        done = s.Count(RowState.Done),
                        failed = s.Count(RowState.Failed),
                        skipped = s.Count(RowState.Skipped),
                    },
                    failures_by_reason = s.FailuresByReason,
                    failures_by_kind = s.FailuresByKind,
                    retryable_failed = s.RetryableFailed,
                    tiles_written = s.TilesWritten,
                    tiles_rejected = s.TilesRejected,
                    bytes_read = s.BytesRead,
                    requests = s.Requests,
                    seconds = Math.Round(s.Seconds, 3),
                    failed_rows = failed.Select(r => new { id = r.RowId, line = r.Line, kind = r.FailureKind?.ToString(), reason = r.Reason, message = r.Message }),
                };
                context.Output.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
                return Task.FromResult(ExitCodes.Ok);
            }

            var o = context.Output;
            o.WriteLine($"batch: {dir}  (catalog {journal.Run?.Catalog}, csv {journal.Run?.CsvPath})");
            if (shard is { } own)
            {
                o.WriteLine($"shard: {own} (journal {ShardedBatchLayout.JournalName(own)})");
            }

            o.WriteLine(string.Create(inv, $"rows: {s.RowsTotal} total, {s.Count(RowState.Done)} done, {s.Count(RowState.Failed)} failed ({s.RetryableFailed} retryable), {s.Count(RowState.Pending)} pending, {s.Count(RowState.Running)} interrupted, {s.Count(RowState.Skipped)} skipped"));
            o.WriteLine(string.Create(inv, $"tiles: {s.TilesWritten} written, {s.TilesRejected} rejected"));
            o.WriteLine(string.Create(inv, $"read: {s.BytesRead / 1e6:F1} MB in {s.Requests} requests; row time {s.Seconds:F1} s"));
            foreach (var (reason, count) in s.FailuresByReason.OrderByDescending(p => p.Value))
            {
                o.WriteLine(string.Create(inv, $"  {count,5} x {reason}"));
            }

            foreach (var row in failed.Take(parse.GetValue(failures)))
            {
                o.WriteLine(string.Create(inv, $"  line {row.Line} {row.RowId}: {row.Reason}: {row.Message}"));
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
