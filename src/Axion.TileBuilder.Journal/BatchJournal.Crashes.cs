using Axion.TileBuilder.Journal.Internals;

namespace Axion.TileBuilder.Journal;

/// <summary>
/// Rows the process died on: <see cref="RecoverCrashedRows"/> counts them at the start of a run,
/// <see cref="ReleaseRow"/> returns a row that was stopped on purpose (cancellation) without counting it.
/// </summary>
public sealed partial class BatchJournal
{
    /// <summary>The reason stored for a row failed by <see cref="RecoverCrashedRows"/>.</summary>
    public const string CrashedRepeatedlyReason = "crashed_repeatedly";

    private const string CountCrash = """
        UPDATE rows SET state = 'pending', crashes = crashes + 1, updated_at = $now WHERE state = 'running'
        RETURNING row_id;
        """;

    private const string FailCrashedRepeatedly = """
        UPDATE rows SET state = 'failed', finished_at = $now, retryable = 0, failure_kind = 'permanent', reason = 'crashed_repeatedly',
            message = 'the process died ' || crashes || ' times while running this row (for example GDAL crashing on a corrupt file), so it is no longer retried; '
                || '''resume --retry-all-failed'' tries it once more',
            updated_at = $now
        WHERE row_id = $id AND crashes >= $max;
        """;

    /// <summary>
    /// Call once when a run takes the out dir, before claiming: every row found <c>running</c> was cut short by a
    /// process that died (a clean stop releases its rows, see <see cref="ReleaseRow"/>). Each such row gets one more
    /// crash counted (<see cref="JournalRow.Crashes"/>) and goes back to pending; a row that reached
    /// <paramref name="maxCrashes"/> is failed instead (kind <c>permanent</c>, reason <see cref="CrashedRepeatedlyReason"/>),
    /// so a row that kills the process cannot stop a batch from finishing. Rows with crashes are claimed after the
    /// others (<see cref="Claimable"/>).
    /// </summary>
    /// <param name="maxCrashes">Crashes after which a row is failed (at least 1).</param>
    /// <returns>The rows found running, as they are now (pending or failed), in claim order.</returns>
    public IReadOnlyList<JournalRow> RecoverCrashedRows(int maxCrashes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCrashes, 1);
        return Locked(connection =>
        {
            var now = Now();
            using var tx = connection.BeginTransaction(deferred: false);
            var ids = new List<string>();
            using (var count = connection.CreateCommand())
            {
                count.Transaction = tx;
                count.CommandText = CountCrash;
                count.Parameters.AddWithValue("$now", now);
                using var reader = count.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }
            }

            using (var fail = connection.CreateCommand())
            {
                fail.Transaction = tx;
                fail.CommandText = FailCrashedRepeatedly;
                fail.Parameters.AddWithValue("$now", now);
                fail.Parameters.AddWithValue("$max", maxCrashes);
                var id = fail.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
                foreach (var rowId in ids)
                {
                    id.Value = rowId;
                    fail.ExecuteNonQuery();
                }
            }

            var rows = new List<JournalRow>(ids.Count);
            foreach (var rowId in ids)
            {
                using var read = connection.CreateCommand();
                read.Transaction = tx;
                read.CommandText = RowMapper.SelectColumns + " WHERE row_id = $id;";
                read.Parameters.AddWithValue("$id", rowId);
                rows.AddRange(ReadAll(read));
            }

            if (ids.Count > 0)
            {
                TouchRunUpdated(connection, tx, now);
            }

            tx.Commit();
            return (IReadOnlyList<JournalRow>)rows
                .OrderBy(r => r.Crashes)
                .ThenBy(r => r.Line)
                .ThenBy(r => r.RowId, StringComparer.Ordinal)
                .ToList();
        });
    }

    /// <summary>
    /// running -> pending without counting a crash: the row was stopped on purpose (Ctrl+C, SIGTERM) and is claimed
    /// again by the next run. Its attempt stays counted.
    /// </summary>
    /// <exception cref="JournalStateException">The row is not in the journal or not running.</exception>
    public void ReleaseRow(string rowId)
    {
        ArgumentNullException.ThrowIfNull(rowId);
        Locked(connection =>
        {
            Transition(connection, rowId, RowState.Pending, (from, tx, now) =>
            {
                if (from != RowState.Running)
                {
                    JournalThrow.IllegalTransition(rowId, from, RowState.Pending, "only a running row can be released");
                }

                using var command = Command(connection, tx, "UPDATE rows SET state = 'pending', updated_at = $now WHERE row_id = $id;", rowId, now);
                command.ExecuteNonQuery();
            });
            return 0;
        });
    }

}
