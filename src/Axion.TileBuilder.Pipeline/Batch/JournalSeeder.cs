using System.Text.Json;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Sharding;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// Seeds the journal with the CSV's rows (valid rows pending, bad rows failed <c>bad_input</c>) and reads a row's CSV
/// values back (<see cref="JournalRowSeed.InputJson"/>).
/// </summary>
public static class JournalSeeder
{
    /// <summary>
    /// Adds the parsed rows (with a shard, only the rows of that shard); rows already in the journal are kept as they
    /// are. Logs the parse's warnings.
    /// </summary>
    public static void Seed(BatchJournal journal, LocationParseResult parsed, ShardSpec? shard, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var warning in parsed.Warnings)
        {
            log.Warning("{Warning}", warning);
        }

        var seeds = new List<JournalRowSeed>(parsed.Rows.Count + parsed.RowErrors.Count);
        seeds.AddRange(parsed.Rows.Where(r => shard?.Contains(r.Id) ?? true).Select(r => JournalRowSeed.Pending(r.Id, r.Line, JsonSerializer.Serialize(r))));
        foreach (var error in parsed.RowErrors.Where(e => shard?.Contains(e.RowId) ?? true))
        {
            // The message already names the file and line.
            log.Warning("{Message}", error.Message);
            seeds.Add(JournalRowSeed.Rejected(error.RowId, error.Line, "{}", error.Message));
        }

        journal.AddRows(seeds);
        if (shard is not null)
        {
            log.Information("Shard {Shard}: {Count} of the CSV's {Total} rows belong to it", shard, seeds.Count, parsed.Rows.Count + parsed.RowErrors.Count);
        }
    }

    /// <summary>The row's CSV values as seeded, or null if they cannot be read.</summary>
    public static LocationRow? ReadInput(JournalRow journalRow)
    {
        ArgumentNullException.ThrowIfNull(journalRow);
        try
        {
            return JsonSerializer.Deserialize<LocationRow>(journalRow.InputJson) is { Id: { } rowId } row && rowId == journalRow.RowId ? row : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
