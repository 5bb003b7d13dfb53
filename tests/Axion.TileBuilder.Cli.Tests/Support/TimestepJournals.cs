using System.Text.Json.Nodes;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// Journals of batches of several timesteps made with the journal API, their done rows' timesteps written by the row
/// processor's own <see cref="TimestepDecisionsJson"/> (<c>decisions.timesteps[k]</c>, and the missing ones again in
/// <c>decisions.timesteps_missing</c>, which <c>status</c> reads).
/// </summary>
internal static class TimestepJournals
{
    /// <summary>One row: its id and, per timestep, null when it has tiles or the reason it has none; no timesteps: failed as <c>too_few_timesteps</c>.</summary>
    public sealed record Row(string Id, params string?[] Steps);

    /// <summary>Writes <c>journal.db</c> into <paramref name="dir"/>: a batch of <paramref name="timesteps"/> (needing <paramref name="minTimesteps"/>).</summary>
    public static void Write(string dir, int timesteps, int? minTimesteps, params Row[] rows)
    {
        var settings = new RunSettings { CsvPath = "rows.csv", Profile = BuiltInProfiles.Demo, TilesX = 1, TilesY = 1 }.WithTimesteps(timesteps, minTimesteps);
        using var journal = BatchJournal.Open(dir, create: true);
        journal.StartRun(new RunInfo(settings.ToJson(), "rows.csv", new string('d', 64), "0.1.0", DateTimeOffset.UnixEpoch, "demo"));
        journal.AddRows(rows.Select((r, i) => JournalRowSeed.Pending(r.Id, i + 2, "{}")));
        foreach (var row in rows)
        {
            journal.MarkRunning(row.Id);
            if (row.Steps.Length == 0)
            {
                journal.MarkFailed(row.Id, FailureKind.NoData, "too_few_timesteps", "0 of N timesteps have tiles");
                continue;
            }

            // One tile (0, 0) per timestep with tiles, named as the batch names it.
            var files = row.Steps.Select((reason, k) => (reason, k)).Where(s => s.reason is null)
                .Select(s => TileNames.FileName(row.Id, 0, 0, timesteps > 1 ? s.k : null)).ToList();
            journal.MarkDone(row.Id, new RowOutcome { TilesWritten = files.Count, Files = files, ItemsJson = Items(row).ToJsonString() });
        }
    }

    /// <summary>Writes shard <paramref name="index"/> of <paramref name="count"/>'s journal under <paramref name="dir"/>'s <c>_journal/</c>.</summary>
    public static void WriteShard(string dir, int index, int count, int timesteps, params Row[] rows)
    {
        var scratch = Path.Combine(dir, ".scratch");
        Write(scratch, timesteps, null, rows);
        var target = Path.Combine(dir, JournalLayout.ShardFolder, JournalLayout.ShardFileName(index, count));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(Path.Combine(scratch, BatchJournal.FileName), target);
        Directory.Delete(scratch, recursive: true);
    }

    private static JsonObject Items(Row row) => new()
    {
        ["decisions"] = new JsonObject
        {
            ["row"] = row.Id,
            ["timesteps"] = new JsonArray([.. row.Steps.Select((reason, k) => (JsonNode)TimestepDecisionsJson.Entry(
                k,
                "part " + k,
                reason is null ? new JsonObject { ["s2"] = new JsonObject { ["id"] = $"S2_{row.Id}_{k}" }, ["tiles_written"] = 1 } : null,
                reason,
                reason + " in part " + k))]),
            ["timesteps_missing"] = TimestepDecisionsJson.Missing(row.Steps.Select((reason, k) => (k, reason)).Where(s => s.reason is not null)),
        },
        ["tiles"] = new JsonArray(),
    };
}
