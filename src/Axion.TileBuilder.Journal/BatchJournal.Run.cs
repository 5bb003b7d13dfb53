using System.Globalization;
using Axion.TileBuilder.Journal.Internals;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal;

/// <summary>The run record: <see cref="StartRun"/>, <see cref="ReplaceRun"/>.</summary>
public sealed partial class BatchJournal
{
    private const string SelectRun =
        "SELECT settings_json, csv_path, csv_sha256, tool_version, created_at, catalog, updated_at FROM run WHERE id = 1;";

    private const string InsertRun = """
        INSERT INTO run (id, settings_json, csv_path, csv_sha256, tool_version, catalog, created_at, updated_at)
        VALUES (1, $settings, $csv_path, $csv_sha256, $tool_version, $catalog, $created_at, $updated_at);
        """;

    private const string TouchRun = "UPDATE run SET updated_at = $now WHERE id = 1;";

    /// <summary>
    /// Records the run of a fresh journal: settings, CSV path and hash, tool version, catalog,
    /// <see cref="RunInfo.CreatedAt"/>, and now as the update time.
    /// </summary>
    /// <exception cref="JournalStateException">The journal already records a run (use resume, or <see cref="ReplaceRun"/> for <c>--force</c>).</exception>
    public void StartRun(RunInfo run)
    {
        ValidateRun(run);
        Locked(connection =>
        {
            if (_run is not null)
            {
                throw new JournalStateException(
                    $"the journal in {OutDir} already records a run (started {Timestamps.ToText(_run.CreatedAt)} from {_run.CsvPath}): resume it, or start over with --force");
            }

            using var tx = connection.BeginTransaction(deferred: false);
            _run = WriteRun(connection, tx, run);
            tx.Commit();
            return 0;
        });
    }

    /// <summary>
    /// <c>--force</c>: deletes every row and the run, then records <paramref name="run"/>, in one transaction.
    /// Tile files already in the out dir are the caller's business.
    /// </summary>
    public void ReplaceRun(RunInfo run)
    {
        ValidateRun(run);
        Locked(connection =>
        {
            using var tx = connection.BeginTransaction(deferred: false);
            JournalConnection.Execute(connection, "DELETE FROM rows; DELETE FROM run;", tx);
            var written = WriteRun(connection, tx, run);
            tx.Commit();
            _run = written;
            _retryGrants.Clear();
            return 0;
        });
    }

    private RunInfo WriteRun(SqliteConnection connection, SqliteTransaction tx, RunInfo run)
    {
        var now = _clock.GetUtcNow();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = InsertRun;
        command.Parameters.AddWithValue("$settings", run.SettingsJson);
        command.Parameters.AddWithValue("$csv_path", run.CsvPath);
        command.Parameters.AddWithValue("$csv_sha256", run.CsvSha256);
        command.Parameters.AddWithValue("$tool_version", run.ToolVersion);
        command.Parameters.AddWithValue("$catalog", run.Catalog);
        command.Parameters.AddWithValue("$created_at", Timestamps.ToText(run.CreatedAt));
        command.Parameters.AddWithValue("$updated_at", Timestamps.ToText(now));
        command.ExecuteNonQuery();
        return run with { CreatedAt = run.CreatedAt.ToUniversalTime(), UpdatedAt = now };
    }

    private void TouchRunUpdated(SqliteConnection connection, SqliteTransaction tx, string now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = TouchRun;
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
        if (_run is not null)
        {
            _run = _run with { UpdatedAt = Timestamps.Parse(now) };
        }
    }

    /// <summary>The recorded run, read inside <paramref name="tx"/> when one is open; null before <see cref="StartRun"/>.</summary>
    internal static RunInfo? ReadRun(SqliteConnection connection, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = SelectRun;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new RunInfo(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            Timestamps.Parse(reader.GetString(4)),
            reader.GetString(5))
        {
            UpdatedAt = Timestamps.Parse(reader.GetString(6)),
        };
    }

    private static void ValidateRun(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        JournalThrow.IfNotJson(run.SettingsJson, nameof(run.SettingsJson));
        if (string.IsNullOrWhiteSpace(run.CsvPath))
        {
            JournalThrow.Argument(nameof(run), $"CsvPath must not be empty, got '{run.CsvPath}'");
        }

        if (run.CsvSha256 is null || run.CsvSha256.Length != 64 || !run.CsvSha256.All(char.IsAsciiHexDigitLower))
        {
            JournalThrow.Argument(nameof(run), $"CsvSha256 must be 64 lower-case hex digits (see HashCsv), got '{run.CsvSha256}'");
        }

        if (string.IsNullOrWhiteSpace(run.ToolVersion))
        {
            JournalThrow.Argument(nameof(run), $"ToolVersion must not be empty, got '{run.ToolVersion}'");
        }

        if (string.IsNullOrWhiteSpace(run.Catalog))
        {
            JournalThrow.Argument(nameof(run), $"Catalog must not be empty, got '{run.Catalog}'");
        }

        if (run.CreatedAt == default)
        {
            JournalThrow.Argument(nameof(run), string.Create(CultureInfo.InvariantCulture, $"CreatedAt must be set, got {run.CreatedAt:O}"));
        }
    }
}
