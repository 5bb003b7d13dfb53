using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Merging;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// <c>axion-tiles merge --out OUT</c>: the dataset-level index of a batch built by shards. Exit 0 when every shard
/// finished, 3 when the index was written but the batch is not finished (shards not started or with pending or
/// running rows), 2 when OUT holds no journal.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var output = new OutputOptionSet($"The dataset ({OutputOptionSet.Forms}) holding journal.db and/or _journal/shard-<K>-of-<N>.db.", runsBatch: false);
        var json = new Option<bool>("--json") { Description = "Print the summary as machine-readable JSON on standard output." };
        var command = new Command(
            "merge",
            "Write OUT/index.csv, OUT/index.geojson, OUT/index.parquet (GeoParquet) and OUT/report.html (as 'report' does: the "
            + "first 2000 locations listed, 500 tiles sampled) from every journal under OUT "
            + "(journal.db and _journal/shard-<K>-of-<N>.db), read-only: shards may still be running. Prints rows by state per "
            + "shard, tiles listed, shards not started (N from the journal names) and shards unfinished. Merging the same "
            + "journals twice gives identical files (the report is dated by the journals' last change). Exit 0 when every "
            + "shard finished, 3 when the batch is not finished yet.\n\n"
            + "With an az:// or s3:// --out the journal snapshots are read from the store and the index files and the report are uploaded next to the tiles.\n\n"
            + "Examples: axion-tiles merge --out data/tiles --json\n          axion-tiles merge --out az://tiles/run1")
        {
            json,
        };
        output.AddTo(command);
        command.SetAction((parse, ct) => runner.RunAsync(parse, ct, async (context, token) =>
        {
            using var target = output.ResolveForReading(parse, context.Log);
            if (target.Remote is { } remote)
            {
                await remote.RequireJournalsAsync(token);
            }

            var result = await Task.Run(() => DatasetMerger.Merge(target.Dir, token), token);
            if (target.Remote is { } store)
            {
                string[] written = [result.Index.CsvPath, result.Index.GeoJsonPath, result.Index.ParquetPath, result.Report.Path];
                await store.PublishFilesAsync(written.Select(Path.GetFileName).OfType<string>(), token);
                var i = result.Index;
                result = result with
                {
                    OutDir = target.Shown,
                    Index = i with { CsvPath = Remote(i.CsvPath), GeoJsonPath = Remote(i.GeoJsonPath), ParquetPath = Remote(i.ParquetPath) },
                    Report = result.Report with { Path = Remote(result.Report.Path) },
                };

                string Remote(string local) => target.Shown + "/" + Path.GetFileName(local);
            }

            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(Json(result));
            }
            else
            {
                WriteText(result, context.Output);
            }

            return result.Complete ? ExitCodes.Ok : ExitCodes.FinishedWithFailures;
        }));
        return command;
    }

    private static string Json(MergeResult r)
    {
        var doc = new
        {
            out_dir = r.OutDir,
            complete = r.Complete,
            tiles = r.Index.Count,
            files = new[] { r.Index.CsvPath, r.Index.GeoJsonPath, r.Index.ParquetPath, r.Report.Path },
            shards = r.ShardCount,
            shards_not_started = r.NotStarted,
            shards_unfinished = r.Unfinished.Select(j => j.Name),
            duplicate_rows = r.DuplicateRows,
            rows = Rows(r.Total),
            journals = r.Journals.Select(j => new
            {
                name = j.Name,
                shard = j.ShardIndex,
                unfinished = j.Unfinished,
                rows = Rows(j.Summary),
                tiles_written = j.Summary.TilesWritten,
                bytes_read = j.Summary.BytesRead,
            }),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true });
    }

    private static object Rows(JournalSummary s) => new
    {
        total = s.RowsTotal,
        pending = s.Count(RowState.Pending),
        running = s.Count(RowState.Running),
        done = s.Count(RowState.Done),
        failed = s.Count(RowState.Failed),
        skipped = s.Count(RowState.Skipped),
    };

    private static void WriteText(MergeResult r, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"merged {r.Journals.Count} journal(s) of {r.OutDir}: {r.Index.Count} tiles in index.csv, index.geojson, index.parquet; report.html"));
        foreach (var j in r.Journals)
        {
            var s = j.Summary;
            o.WriteLine(string.Create(inv, $"  {j.Name}: {s.RowsTotal} rows, {s.Count(RowState.Done)} done, {s.Count(RowState.Failed)} failed, {s.Count(RowState.Skipped)} skipped, {s.Count(RowState.Pending)} pending, {s.Count(RowState.Running)} running; {s.TilesWritten} tiles{(j.Unfinished ? "  (unfinished)" : string.Empty)}"));
        }

        var t = r.Total;
        o.WriteLine(string.Create(inv, $"total: {t.RowsTotal} rows, {t.Count(RowState.Done)} done, {t.Count(RowState.Failed)} failed, {t.Count(RowState.Skipped)} skipped, {t.Count(RowState.Pending)} pending, {t.Count(RowState.Running)} running"));
        if (r.DuplicateRows > 0)
        {
            o.WriteLine(string.Create(inv, $"warning: {r.DuplicateRows} done row(s) found in more than one journal; each is listed once"));
        }

        if (r.NotStarted.Count > 0)
        {
            o.WriteLine(string.Create(inv, $"not started: shard(s) {string.Join(", ", r.NotStarted)} of {r.ShardCount} have no journal"));
        }

        var unfinished = r.Unfinished.Select(j => j.Name).ToList();
        if (unfinished.Count > 0)
        {
            o.WriteLine($"unfinished: {string.Join(", ", unfinished)} (rows pending or running: still at work, or stopped; resume them)");
        }

        o.WriteLine(r.Complete
            ? "complete: every shard finished"
            : "incomplete: the index lists the tiles done so far; run 'axion-tiles merge' again when the shards have finished");
    }
}
