using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal.Internals;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal;

/// <summary>State changes, each one short transaction: <see cref="MarkRunning"/>, <see cref="MarkDone"/>, <see cref="MarkFailed"/>, <see cref="MarkSkipped"/>.</summary>
public sealed partial class BatchJournal
{
    private const string ClearOutcome = """
        tiles_written = NULL, tiles_rejected = NULL, rejected_json = NULL, files_json = NULL, items_json = NULL,
        bytes_read = NULL, requests = NULL, seconds = NULL
        """;

    private const string UpdateRunning = $"""
        UPDATE rows SET state = 'running', attempts = attempts + 1, started_at = $now, finished_at = NULL,
            retryable = 0, failure_kind = NULL, reason = NULL, message = NULL, {ClearOutcome}, updated_at = $now
        WHERE row_id = $id;
        """;

    private const string UpdateDone = """
        UPDATE rows SET state = 'done', finished_at = $now, retryable = 0, failure_kind = NULL, reason = NULL, message = NULL,
            tiles_written = $tiles_written, tiles_rejected = $tiles_rejected, rejected_json = $rejected_json,
            files_json = $files_json, items_json = $items_json, bytes_read = $bytes_read, requests = $requests,
            seconds = $seconds, updated_at = $now
        WHERE row_id = $id;
        """;

    private const string UpdateFailed = """
        UPDATE rows SET state = 'failed', finished_at = $now, retryable = $retryable, failure_kind = $kind,
            reason = $reason, message = $message,
            tiles_written = NULL, tiles_rejected = NULL, rejected_json = NULL, files_json = NULL, items_json = NULL,
            bytes_read = $bytes_read, requests = $requests, seconds = $seconds, updated_at = $now
        WHERE row_id = $id;
        """;

    private const string UpdateSkipped = $"""
        UPDATE rows SET state = 'skipped', finished_at = $now, retryable = 0, failure_kind = NULL,
            reason = $reason, message = NULL, {ClearOutcome}, updated_at = $now
        WHERE row_id = $id;
        """;

    /// <summary>
    /// Claims a row: pending -> running, running -> running (a row caught mid-way by a crash), or
    /// failed -> running for a failed row that the last <see cref="Claimable"/> call handed out.
    /// Increments <see cref="JournalRow.Attempts"/> and sets <see cref="JournalRow.StartedAt"/>.
    /// </summary>
    /// <exception cref="JournalStateException">The row is not in the journal, is done or skipped, or is failed and was not handed out for retry.</exception>
    public void MarkRunning(string rowId)
    {
        ArgumentNullException.ThrowIfNull(rowId);
        Locked(connection =>
        {
            var granted = false;
            Transition(connection, rowId, RowState.Running, (from, tx, now) =>
            {
                switch (from)
                {
                    case RowState.Pending or RowState.Running:
                        break;
                    case RowState.Failed when _retryGrants.Contains(rowId):
                        granted = true;
                        break;
                    case RowState.Failed:
                        JournalThrow.IllegalTransition(rowId, from, RowState.Running, "a failed row is retried only when Claimable hands it out (retry failed / retry permanent)");
                        break;
                    default:
                        JournalThrow.IllegalTransition(rowId, from, RowState.Running, $"a {RowStateNames.ToText(from)} row is never redone");
                        break;
                }

                using var command = Command(connection, tx, UpdateRunning, rowId, now);
                command.ExecuteNonQuery();
            });
            if (granted)
            {
                _retryGrants.Remove(rowId);
            }

            return 0;
        });
    }

    /// <summary>running -> done, recording what the row produced.</summary>
    /// <exception cref="ArgumentException">The outcome is invalid (no files, negative counts, items not JSON).</exception>
    /// <exception cref="JournalStateException">The row is not in the journal or not running.</exception>
    public void MarkDone(string rowId, RowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(rowId);
        ValidateOutcome(rowId, outcome);
        var files = JsonCodec.WriteList(outcome.Files);
        var rejected = JsonCodec.WriteCounts(outcome.RejectedByReason);
        Locked(connection =>
        {
            Transition(connection, rowId, RowState.Done, (from, tx, now) =>
            {
                if (from != RowState.Running)
                {
                    JournalThrow.IllegalTransition(rowId, from, RowState.Done, "only a running row can finish");
                }

                using var command = Command(connection, tx, UpdateDone, rowId, now);
                command.Parameters.AddWithValue("$tiles_written", outcome.TilesWritten);
                command.Parameters.AddWithValue("$tiles_rejected", outcome.TilesRejected);
                command.Parameters.AddWithValue("$rejected_json", rejected);
                command.Parameters.AddWithValue("$files_json", files);
                command.Parameters.AddWithValue("$items_json", outcome.ItemsJson);
                command.Parameters.AddWithValue("$bytes_read", outcome.BytesRead);
                command.Parameters.AddWithValue("$requests", outcome.Requests);
                command.Parameters.AddWithValue("$seconds", outcome.Seconds);
                command.ExecuteNonQuery();
            });
            return 0;
        });
    }

    /// <summary>
    /// pending|running -> failed. <see cref="JournalRow.Retryable"/> is <c>kind == Transient</c>.
    /// </summary>
    /// <param name="rowId">The row.</param>
    /// <param name="kind">The failure category (stored as <c>transient</c>, <c>permanent</c>, <c>bad_input</c>, <c>no_scene</c>, <c>environment</c>, <c>internal</c>).</param>
    /// <param name="reason">Finer reason such as <c>http_503</c> (at most 200 characters); empty means the category.</param>
    /// <param name="message">One-line message, secrets already redacted by the caller (cut at 4000 characters).</param>
    /// <param name="spent">What the row spent before it failed (bytes, requests, seconds); zero when null.</param>
    /// <exception cref="JournalStateException">The row is not in the journal or is done, skipped or already failed.</exception>
    public void MarkFailed(string rowId, FailureKind kind, string reason, string message, RowSpend? spent = null)
    {
        ArgumentNullException.ThrowIfNull(rowId);
        var kindText = FailureKindNames.ToText(kind);
        var reasonText = RowText.Reason(reason, kindText);
        var messageText = RowText.Message(message);
        Locked(connection =>
        {
            Transition(connection, rowId, RowState.Failed, (from, tx, now) =>
            {
                if (from is not (RowState.Pending or RowState.Running))
                {
                    JournalThrow.IllegalTransition(rowId, from, RowState.Failed, "only a pending or running row can fail");
                }

                using var command = Command(connection, tx, UpdateFailed, rowId, now);
                command.Parameters.AddWithValue("$retryable", kind == FailureKind.Transient ? 1 : 0);
                command.Parameters.AddWithValue("$kind", kindText);
                command.Parameters.AddWithValue("$reason", reasonText);
                command.Parameters.AddWithValue("$message", messageText);
                command.Parameters.AddWithValue("$bytes_read", spent?.BytesRead ?? 0);
                command.Parameters.AddWithValue("$requests", spent?.Requests ?? 0);
                command.Parameters.AddWithValue("$seconds", spent?.Seconds ?? 0.0);
                command.ExecuteNonQuery();
            });
            return 0;
        });
    }

    /// <summary>pending|running -> skipped (terminal).</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="reason">Why (required, at most 200 characters).</param>
    /// <exception cref="JournalStateException">The row is not in the journal or is done, failed or skipped.</exception>
    public void MarkSkipped(string rowId, string reason)
    {
        ArgumentNullException.ThrowIfNull(rowId);
        if (string.IsNullOrWhiteSpace(reason))
        {
            JournalThrow.Argument(nameof(reason), $"a skip needs a reason, got '{reason}' for row '{rowId}'");
        }

        var reasonText = RowText.Reason(reason, reason);
        Locked(connection =>
        {
            Transition(connection, rowId, RowState.Skipped, (from, tx, now) =>
            {
                if (from is not (RowState.Pending or RowState.Running))
                {
                    JournalThrow.IllegalTransition(rowId, from, RowState.Skipped, "only a pending or running row can be skipped");
                }

                using var command = Command(connection, tx, UpdateSkipped, rowId, now);
                command.Parameters.AddWithValue("$reason", reasonText);
                command.ExecuteNonQuery();
            });
            return 0;
        });
    }

    /// <summary>
    /// One state change in one IMMEDIATE transaction: reads the row's state, lets <paramref name="apply"/>
    /// check the transition and write, stamps the run's update time, commits.
    /// </summary>
    private void Transition(SqliteConnection connection, string rowId, RowState to, Action<RowState, SqliteTransaction, string> apply)
    {
        var now = Now();
        using var tx = connection.BeginTransaction(deferred: false);
        using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT state FROM rows WHERE row_id = $id;";
            read.Parameters.AddWithValue("$id", rowId);
            var text = read.ExecuteScalar() as string;
            if (text is null)
            {
                JournalThrow.NotInJournal(rowId);
            }

            if (!RowStateNames.TryParse(text, out var from))
            {
                throw new JournalStateException(
                    $"row '{rowId}' has unknown state '{text}' and cannot go to {RowStateNames.ToText(to)}: the journal is damaged",
                    rowId,
                    null,
                    to);
            }

            apply(from, tx, now);
        }

        TouchRunUpdated(connection, tx, now);
        if (to == RowState.Done)
        {
            CrashPoint.Hit(CrashPoint.JournalCommitDone);
        }

        tx.Commit();
        if (to == RowState.Done)
        {
            CrashPoint.Hit(CrashPoint.JournalCommittedDone);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, string rowId, string now)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", rowId);
        command.Parameters.AddWithValue("$now", now);
        return command;
    }

    private static void ValidateOutcome(string rowId, RowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Files is null || outcome.Files.Count == 0)
        {
            JournalThrow.Argument(nameof(outcome), $"a done row lists the files it wrote; row '{rowId}' lists none (mark it failed or skipped instead)");
        }

        foreach (var file in outcome.Files)
        {
            if (string.IsNullOrWhiteSpace(file))
            {
                JournalThrow.Argument(nameof(outcome), $"row '{rowId}' lists an empty file name: '{file}'");
            }
        }

        if (outcome.TilesWritten < 0 || outcome.TilesRejected < 0 || outcome.BytesRead < 0 || outcome.Requests < 0)
        {
            JournalThrow.Argument(nameof(outcome), $"row '{rowId}': counts must be >= 0, got tiles written {outcome.TilesWritten}, rejected {outcome.TilesRejected}, bytes {outcome.BytesRead}, requests {outcome.Requests}");
        }

        if (!double.IsFinite(outcome.Seconds) || outcome.Seconds < 0)
        {
            JournalThrow.Argument(nameof(outcome), $"row '{rowId}': Seconds must be finite and >= 0, got {outcome.Seconds}");
        }

        ArgumentNullException.ThrowIfNull(outcome.RejectedByReason);
        foreach (var (reason, count) in outcome.RejectedByReason)
        {
            if (string.IsNullOrWhiteSpace(reason) || count < 0)
            {
                JournalThrow.Argument(nameof(outcome), $"row '{rowId}': rejected reasons need a name and a count >= 0, got '{reason}': {count}");
            }
        }

        JournalThrow.IfNotJson(outcome.ItemsJson, nameof(outcome.ItemsJson));
    }
}
