using Axion.TileBuilder.Errors;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal.Internals;

/// <summary>Reads a <see cref="JournalRow"/> from a <c>rows</c> query selecting <see cref="SelectColumns"/>.</summary>
internal static class RowMapper
{
    public const string SelectColumns = """
        SELECT row_id, line, input_json, state, attempts, retryable, failure_kind, reason, message,
               tiles_written, tiles_rejected, rejected_json, files_json, items_json, bytes_read, requests, seconds,
               created_at, started_at, finished_at, updated_at, crashes
        FROM rows
        """;

    public static JournalRow Read(SqliteDataReader r)
    {
        var rowId = r.GetString(0);
        var stateText = r.GetString(3);
        if (!RowStateNames.TryParse(stateText, out var state))
        {
            throw new JournalStorageException(
                FailureKind.Environment,
                $"row '{rowId}' has unknown state '{stateText}': the journal is damaged (status --check lists the problems)");
        }

        FailureKind? kind = null;
        if (!r.IsDBNull(6) && FailureKindNames.TryParse(r.GetString(6), out var parsed))
        {
            kind = parsed;
        }

        RowOutcome? outcome = null;
        if (state == RowState.Done)
        {
            outcome = new RowOutcome
            {
                TilesWritten = r.IsDBNull(9) ? 0 : r.GetInt32(9),
                TilesRejected = r.IsDBNull(10) ? 0 : r.GetInt32(10),
                RejectedByReason = JsonCodec.ReadCounts(StringOrNull(r, 11)),
                Files = JsonCodec.ReadList(StringOrNull(r, 12)),
                ItemsJson = StringOrNull(r, 13) ?? "{}",
                BytesRead = r.IsDBNull(14) ? 0 : r.GetInt64(14),
                Requests = r.IsDBNull(15) ? 0 : r.GetInt64(15),
                Seconds = r.IsDBNull(16) ? 0 : r.GetDouble(16),
            };
        }

        return new JournalRow
        {
            RowId = rowId,
            Line = r.GetInt32(1),
            InputJson = r.GetString(2),
            State = state,
            Attempts = r.GetInt32(4),
            Retryable = r.GetInt64(5) != 0,
            FailureKind = kind,
            Reason = StringOrNull(r, 7),
            Message = StringOrNull(r, 8),
            Outcome = outcome,
            CreatedAt = Timestamps.Parse(r.GetString(17)),
            StartedAt = Timestamps.ParseOrNull(StringOrNull(r, 18)),
            FinishedAt = Timestamps.ParseOrNull(StringOrNull(r, 19)),
            UpdatedAt = Timestamps.Parse(r.GetString(20)),
            Crashes = r.GetInt32(21),
        };
    }

    private static string? StringOrNull(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
