using System.Collections.Concurrent;
using System.Text.Json;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Datasets;
using Axion.TileBuilder.Pipeline.Merging;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>Gathers a <see cref="BatchReport"/> from the journals of a dataset and its files (reads only).</summary>
public static class BatchReportCollector
{
    /// <summary>Quicklook lookups in flight at once (a store: one request each).</summary>
    private const int LookupsInParallel = 8;

    /// <summary>
    /// Reads the journals' summaries and rows (the shards of a merged dataset together, rows in CSV line order), the
    /// done rows' decisions, which quicklooks of the listed rows exist, and samples the tiles. Rows are streamed from the
    /// journals a page at a time (<see cref="JournalRowMerge"/>): only the first <see cref="ReportOptions.MaxRows"/>
    /// locations are read and kept (the rest are counted from the journals' summaries, a row done in two journals
    /// twice), and the histograms, so memory does not grow with the batch. The tiles are the done rows' <c>.npz</c>
    /// files, rows by id, each row's files by name; the histograms take <see cref="ReportOptions.MaxHistogramTiles"/> of
    /// them evenly (counted in one pass over the journals, read in a second). In a batch of several timesteps the
    /// listed done rows get one quicklook lookup per timestep with tiles, and the missing timesteps of every done row are
    /// counted by reason (one more streamed pass over the done rows; none in a batch of one timestep).
    /// </summary>
    public static async Task<BatchReport> CollectAsync(DatasetFiles dataset, IReadOnlyList<JournalReader> journals, ReportOptions options, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(journals);
        var summary = JournalSummary.Sum(journals.Select(j => j.Summarize()));
        var run = journals.Select(j => j.Run).FirstOrDefault(r => r is not null);
        var listed = JournalRowMerge.Of(journals, null, JournalRowOrder.Line).Rows().Take(options.MaxRows).Select(r => (Row: r, Entry: Entry(r))).ToList();
        var quicklooks = await ExistingQuicklooksAsync(dataset, listed.Where(l => l.Row.Outcome is not null).SelectMany(l => QuicklookNames(l.Entry)), cancellationToken);
        var locations = listed.Select(l => l.Row.Outcome is null ? l.Entry : WithQuicklooks(l.Entry, quicklooks)).ToList();
        var timesteps = TimestepCounts.Of(run, () => DoneRows(journals).Select(r => TimestepDecisions.Read(r.Outcome?.ItemsJson)));
        var tileCount = TileNames(journals).Count();
        var (histograms, read, unreadable) = await BandHistogramBuilder.BuildAsync(dataset, TileNames(journals), tileCount, options, RecordedSettings.TileKeys(run), cancellationToken);
        return new BatchReport
        {
            OutDir = dataset.Shown,
            GeneratedAt = generatedAt.ToUniversalTime(),
            Run = run,
            Summary = summary,
            Locations = locations,
            LocationsOmitted = Math.Max(0, summary.RowsTotal - locations.Count),
            Timesteps = timesteps,
            Histograms = histograms,
            TilesListed = tileCount,
            TilesSampled = read,
            TilesUnreadable = unreadable,
            Options = options,
        };
    }

    /// <summary>The done rows (each row once), by id; streamed.</summary>
    private static IEnumerable<JournalRow> DoneRows(IReadOnlyList<JournalReader> journals) =>
        JournalRowMerge.Of(journals, RowState.Done, JournalRowOrder.RowId).Rows();

    /// <summary>The <c>.npz</c> files of the done rows (each row once), rows by id, a row's files by name; streamed.</summary>
    private static IEnumerable<string> TileNames(IReadOnlyList<JournalReader> journals) =>
        DoneRows(journals).SelectMany(r => (r.Outcome?.Files ?? []).Where(f => f.EndsWith(".npz", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    /// <summary>
    /// The quicklooks a row with an outcome may have: <c>quicklooks/&lt;id&gt;.png</c>, or in a batch of several timesteps
    /// <c>quicklooks/&lt;id&gt;_t&lt;k&gt;.png</c> of each timestep that has tiles.
    /// </summary>
    private static IEnumerable<string> QuicklookNames(LocationEntry entry) => entry.Timesteps is { } steps
        ? steps.Where(s => s.IsDone).Select(s => QuicklookFiles.FileName(entry.RowId, s.Index))
        : [QuicklookFiles.FileName(entry.RowId)];

    /// <summary>The entry of a row with an outcome, with the quicklooks of <paramref name="found"/> that are its own.</summary>
    private static LocationEntry WithQuicklooks(LocationEntry entry, ConcurrentDictionary<string, bool> found)
    {
        string? Existing(string name) => found.ContainsKey(name) ? name : null;
        return entry.Timesteps is { } steps
            ? entry with { Timesteps = [.. steps.Select(s => s.IsDone ? s with { Quicklook = Existing(QuicklookFiles.FileName(entry.RowId, s.Index)) } : s)] }
            : entry with { Quicklook = Existing(QuicklookFiles.FileName(entry.RowId)) };
    }

    /// <summary>Which of the quicklook <paramref name="names"/> exist (a store: one lookup per name, a few at once).</summary>
    private static async Task<ConcurrentDictionary<string, bool>> ExistingQuicklooksAsync(DatasetFiles dataset, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            names.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = LookupsInParallel, CancellationToken = cancellationToken },
            async (name, ct) =>
            {
                if (await dataset.ExistsAsync(name, ct))
                {
                    found.TryAdd(name, true);
                }
            });
        return found;
    }

    /// <summary>
    /// One row as the report lists it, without its quicklooks; decisions are read leniently (a missing field stays null).
    /// A row of a batch of several timesteps gets its <see cref="LocationEntry.Timesteps"/> instead of one scene.
    /// </summary>
    internal static LocationEntry Entry(JournalRow row)
    {
        var entry = new LocationEntry
        {
            RowId = row.RowId,
            Line = row.Line,
            State = row.State,
            FailureKind = row.FailureKind?.ToString(),
            Reason = row.Reason,
            Message = row.Message is null ? null : SecretRedactor.Redact(row.Message),
            Attempts = row.Attempts,
        };
        if (row.Outcome is not { } outcome)
        {
            return entry;
        }

        entry = entry with
        {
            TilesWritten = outcome.TilesWritten,
            TilesRejected = outcome.TilesRejected,
            BytesRead = outcome.BytesRead,
            Seconds = outcome.Seconds,
        };
        return WithItems(entry, outcome.ItemsJson);
    }

    private static LocationEntry WithItems(LocationEntry entry, string itemsJson)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(itemsJson);
        }
        catch (JsonException)
        {
            return entry;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return entry;
            }

            var decisions = JsonFields.Child(root, "decisions");
            if (TimestepDecisions.Read(decisions) is { } steps)
            {
                return entry with { Timesteps = steps };
            }

            var s2 = JsonFields.Child(decisions, "s2");
            var s1 = JsonFields.Child(decisions, "s1");
            var firstTile = JsonFields.Child(root, "tiles") is { ValueKind: JsonValueKind.Array } tiles && tiles.GetArrayLength() > 0 ? tiles[0] : default;
            return entry with
            {
                S2Item = JsonFields.Text(s2, "id") ?? JsonFields.Text(firstTile, "S2ItemId"),
                S2Datetime = JsonFields.Time(s2, "datetime") ?? JsonFields.Time(firstTile, "S2Datetime"),
                S2CloudCover = JsonFields.Number(s2, "cloud_cover") ?? JsonFields.Number(firstTile, "SceneCloudCover"),
                AoiClearFraction = JsonFields.Number(s2, "aoi_clear_fraction") ?? JsonFields.Number(firstTile, "AoiClearFraction"),
                S1Item = JsonFields.Text(s1, "id") ?? JsonFields.Text(firstTile, "S1ItemId"),
                S1Datetime = JsonFields.Time(s1, "datetime") ?? JsonFields.Time(firstTile, "S1Datetime"),
                DeltaDays = JsonFields.Number(s1, "delta_days") ?? JsonFields.Number(firstTile, "DeltaDays"),
            };
        }
    }
}
