using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>
/// The timesteps of a batch of several (<c>--timesteps</c> N above 1), as <c>status</c> and <c>report</c> show them: how
/// many done rows lack some timesteps, and the missing timesteps by reason, counted from the done rows' decisions.
/// </summary>
public sealed record TimestepCounts
{
    /// <summary>The reason counted for a missing timestep whose decisions name none.</summary>
    public const string UnknownReason = "unknown";

    /// <summary>N: timesteps per row (<c>--timesteps</c>).</summary>
    public required int PerRow { get; init; }

    /// <summary>M: timesteps a row needs to be done (<c>--min-timesteps</c>, default N).</summary>
    public required int Required { get; init; }

    /// <summary>Done rows read (those whose decisions list their timesteps).</summary>
    public int DoneRows { get; init; }

    /// <summary>Done rows with at least one missing timestep.</summary>
    public int RowsMissingSome { get; init; }

    /// <summary>Missing timesteps over every done row.</summary>
    public int Missing { get; init; }

    /// <summary>Missing timesteps by reason (<c>no_clear_scene</c>, <c>no_s1_pair</c>, ...), by name.</summary>
    public IReadOnlyDictionary<string, int> MissingByReason { get; init; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// N and M of a recorded run (from its stored settings); (1, 1) when the run is not recorded or its settings cannot be
    /// read.
    /// </summary>
    public static (int PerRow, int Required) SettingsOf(RunInfo? run) => RecordedSettings.TryRead(run) is { } settings
        ? (settings.TimestepCount, settings.MinTimesteps ?? settings.TimestepCount)
        : (1, 1);

    /// <summary>
    /// The counts of a run of several timesteps over the timesteps of its done rows (<paramref name="doneRows"/>, one list per
    /// row, enumerated once: stream them); null for a batch of one timestep, without enumerating <paramref name="doneRows"/>.
    /// </summary>
    public static TimestepCounts? Of(RunInfo? run, Func<IEnumerable<IReadOnlyList<TimestepEntry>?>> doneRows)
    {
        ArgumentNullException.ThrowIfNull(doneRows);
        var (perRow, required) = SettingsOf(run);
        return perRow > 1 ? Of(perRow, required, doneRows()) : null;
    }

    /// <summary>
    /// The counts of a journal of a run of several timesteps: only the missing timesteps of its done rows are read,
    /// extracted by SQLite (<see cref="TimestepDecisions.MissingJsonPath"/>, <see cref="BatchJournal.EnumerateOutcomeValues"/>),
    /// so the rows' decisions never reach .NET; null for a batch of one timestep, without reading any row.
    /// </summary>
    public static TimestepCounts? Of(BatchJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return Of(journal.Run, () => journal.EnumerateOutcomeValues(RowState.Done, TimestepDecisions.MissingJsonPath).Select(TimestepDecisions.ReadArray));
    }

    /// <summary>The counts over the timesteps of <paramref name="doneRows"/> (enumerated once) of a batch of <paramref name="perRow"/> timesteps.</summary>
    public static TimestepCounts Of(int perRow, int required, IEnumerable<IReadOnlyList<TimestepEntry>?> doneRows)
    {
        ArgumentNullException.ThrowIfNull(doneRows);
        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int rows = 0, rowsMissing = 0, missing = 0;
        foreach (var row in doneRows)
        {
            if (row is not { } steps)
            {
                continue;
            }

            rows++;
            var missingHere = 0;
            foreach (var step in steps.Where(s => !s.IsDone))
            {
                var reason = step.Reason ?? UnknownReason;
                byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                missingHere++;
            }

            missing += missingHere;
            rowsMissing += missingHere > 0 ? 1 : 0;
        }

        return new TimestepCounts { PerRow = perRow, Required = required, DoneRows = rows, RowsMissingSome = rowsMissing, Missing = missing, MissingByReason = byReason };
    }

    /// <summary>The counts of several journals of one batch (shards) added up; null when none has any (a batch of one timestep).</summary>
    public static TimestepCounts? Sum(IEnumerable<TimestepCounts?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.OfType<TimestepCounts>().ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reason, count) in list.SelectMany(p => p.MissingByReason))
        {
            byReason[reason] = byReason.GetValueOrDefault(reason) + count;
        }

        return new TimestepCounts
        {
            PerRow = list[0].PerRow,
            Required = list[0].Required,
            DoneRows = list.Sum(p => p.DoneRows),
            RowsMissingSome = list.Sum(p => p.RowsMissingSome),
            Missing = list.Sum(p => p.Missing),
            MissingByReason = byReason,
        };
    }

    /// <summary>The missing timesteps by reason, most first, then by name.</summary>
    public IEnumerable<KeyValuePair<string, int>> ReasonsByCount() =>
        MissingByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal);
}
