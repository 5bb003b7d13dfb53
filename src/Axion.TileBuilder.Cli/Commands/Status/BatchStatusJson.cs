using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Cli.Commands.Status;

/// <summary>The JSON form of a <see cref="BatchStatus"/> (<c>status --json</c>; field names in the README).</summary>
internal static class BatchStatusJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The document; <paramref name="indented"/> false gives one line (one document per refresh of <c>--watch</c>).</summary>
    public static string Write(BatchStatus status, bool indented) => Serialize(Document(status), indented);

    /// <summary>
    /// A sharded batch: the whole batch's fields (as for one journal, <c>shard</c> null), plus <c>shards</c> (N),
    /// <c>shards_not_started</c> and <c>per_shard</c> (one document per shard journal).
    /// </summary>
    public static string Write(ShardedBatchStatus status, bool indented)
    {
        var doc = Document(status.Whole);
        doc["shards"] = status.ShardCount;
        doc["shards_running"] = status.Shards.Count(s => s.BuildRunning);
        doc["shards_not_started"] = new JsonArray(status.NotStarted.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
        doc["per_shard"] = new JsonArray(status.Shards.Select(s => (JsonNode)Document(s)).ToArray());
        return Serialize(doc, indented);
    }

    private static string Serialize(JsonObject doc, bool indented) => doc.ToJsonString(indented ? Indented : null);

    private static JsonObject Document(BatchStatus status)
    {
        var s = status.Summary;
        var doc = new
        {
            out_dir = status.OutDir,
            shard = status.Shard?.ToString(),
            catalog = status.Run?.Catalog,
            csv = status.Run?.CsvPath,
            build_running = status.BuildRunning,
            started_at = status.Run?.CreatedAt.UtcDateTime,
            updated_at = status.UpdatedAt?.UtcDateTime,
            read_at = status.ReadAt.UtcDateTime,
            rows_total = s.RowsTotal,
            rows_finished = status.Finished,
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
            failed_rows = status.FailedRows.Select(r => new { id = r.RowId, line = r.Line, kind = r.FailureKind?.ToString(), reason = r.Reason, message = r.Message }),
            timesteps = status.Timesteps is { } t
                ? new
                {
                    per_row = t.PerRow,
                    required = t.Required,
                    rows_missing_some = t.RowsMissingSome,
                    missing = t.Missing,
                    missing_by_reason = t.MissingByReason,
                }
                : null,
        };
        return JsonSerializer.SerializeToNode(doc)!.AsObject();
    }
}
