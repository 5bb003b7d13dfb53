using System.Collections.Concurrent;
using System.Globalization;
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
    /// them evenly (counted in one pass over the journals, read in a second).
    /// </summary>
    public static async Task<BatchReport> CollectAsync(DatasetFiles dataset, IReadOnlyList<JournalReader> journals, ReportOptions options, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(journals);
        var summary = JournalSummary.Sum(journals.Select(j => j.Summarize()));
        var listed = JournalRowMerge.Of(journals, null, JournalRowOrder.Line).Rows().Take(options.MaxRows).ToList();
        var quicklooks = await ExistingQuicklooksAsync(dataset, listed, cancellationToken);
        var locations = listed.Select(r => Entry(r, quicklooks.ContainsKey(r.RowId))).ToList();
        var tileCount = TileNames(journals).Count();
        var (histograms, read, unreadable) = await BandHistogramBuilder.BuildAsync(dataset, TileNames(journals), tileCount, options, cancellationToken);
        return new BatchReport
        {
            OutDir = dataset.Shown,
            GeneratedAt = generatedAt.ToUniversalTime(),
            Run = journals.Select(j => j.Run).FirstOrDefault(r => r is not null),
            Summary = summary,
            Locations = locations,
            LocationsOmitted = Math.Max(0, summary.RowsTotal - locations.Count),
            Histograms = histograms,
            TilesListed = tileCount,
            TilesSampled = read,
            TilesUnreadable = unreadable,
            Options = options,
        };
    }

    /// <summary>The <c>.npz</c> files of the done rows (each row once), rows by id, a row's files by name; streamed.</summary>
    private static IEnumerable<string> TileNames(IReadOnlyList<JournalReader> journals) =>
        JournalRowMerge.Of(journals, RowState.Done, JournalRowOrder.RowId).Rows()
            .SelectMany(r => (r.Outcome?.Files ?? []).Where(f => f.EndsWith(".npz", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    /// <summary>The ids of the listed rows with an outcome whose quicklook exists (a store: one lookup per row, a few at once).</summary>
    private static async Task<ConcurrentDictionary<string, bool>> ExistingQuicklooksAsync(DatasetFiles dataset, IReadOnlyList<JournalRow> listed, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            listed.Where(r => r.Outcome is not null).Select(r => r.RowId).Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = LookupsInParallel, CancellationToken = cancellationToken },
            async (rowId, ct) =>
            {
                if (await dataset.ExistsAsync(QuicklookFiles.FileName(rowId), ct))
                {
                    found.TryAdd(rowId, true);
                }
            });
        return found;
    }

    /// <summary>One row as the report lists it; decisions are read leniently (a missing field stays null).</summary>
    /// <param name="row">The journal row.</param>
    /// <param name="hasQuicklook">Whether <c>quicklooks/&lt;id&gt;.png</c> exists in the dataset.</param>
    internal static LocationEntry Entry(JournalRow row, bool hasQuicklook)
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
            Quicklook = hasQuicklook ? QuicklookFiles.FileName(row.RowId) : null,
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

            var decisions = Child(root, "decisions");
            var s2 = Child(decisions, "s2");
            var s1 = Child(decisions, "s1");
            var firstTile = Child(root, "tiles") is { ValueKind: JsonValueKind.Array } tiles && tiles.GetArrayLength() > 0 ? tiles[0] : default;
            return entry with
            {
                S2Item = Text(s2, "id") ?? Text(firstTile, "S2ItemId"),
                S2Datetime = Time(s2, "datetime") ?? Time(firstTile, "S2Datetime"),
                S2CloudCover = Number(s2, "cloud_cover") ?? Number(firstTile, "SceneCloudCover"),
                AoiClearFraction = Number(s2, "aoi_clear_fraction") ?? Number(firstTile, "AoiClearFraction"),
                S1Item = Text(s1, "id") ?? Text(firstTile, "S1ItemId"),
                S1Datetime = Time(s1, "datetime") ?? Time(firstTile, "S1Datetime"),
                DeltaDays = Number(s1, "delta_days") ?? Number(firstTile, "DeltaDays"),
            };
        }
    }

    private static JsonElement Child(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    private static string? Text(JsonElement e, string name) =>
        Child(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        Child(e, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;
}
