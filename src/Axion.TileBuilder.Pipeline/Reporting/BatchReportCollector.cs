using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Datasets;
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
    /// done rows' decisions, which quicklooks of the listed rows exist, and samples the tiles.
    /// </summary>
    public static async Task<BatchReport> CollectAsync(DatasetFiles dataset, IReadOnlyList<JournalReader> journals, ReportOptions options, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(journals);
        var summary = JournalSummary.Sum(journals.Select(j => j.Summarize()));
        var (listed, rowCount, tiles) = ReadRows(journals, options.MaxRows, cancellationToken);
        var quicklooks = await ExistingQuicklooksAsync(dataset, listed, cancellationToken);
        var locations = listed.Select(r => Entry(r, quicklooks.ContainsKey(r.RowId))).ToList();
        var (histograms, read, unreadable) = await BandHistogramBuilder.BuildAsync(dataset, tiles, options, cancellationToken);
        return new BatchReport
        {
            OutDir = dataset.Shown,
            GeneratedAt = generatedAt.ToUniversalTime(),
            Run = journals.Select(j => j.Run).FirstOrDefault(r => r is not null),
            Summary = summary,
            Locations = locations,
            LocationsOmitted = Math.Max(0, rowCount - locations.Count),
            Histograms = histograms,
            TilesListed = tiles.Count,
            TilesSampled = read,
            TilesUnreadable = unreadable,
            Options = options,
        };
    }

    /// <summary>
    /// One pass over every journal's rows (a page at a time): the first <paramref name="maxRows"/> rows by CSV line, then
    /// row id, then journal order (what a stable sort of all rows gives), the number of rows, and the done rows' tile
    /// names in ordinal order. Only the listed rows are kept whole, so memory holds <paramref name="maxRows"/> rows and
    /// one name per tile, not every row's decisions.
    /// </summary>
    private static (List<JournalRow> Listed, int RowCount, List<string> Tiles) ReadRows(IReadOnlyList<JournalReader> journals, int maxRows, CancellationToken cancellationToken)
    {
        // A max-heap of the kept rows: the root is the last of them, replaced by any row that sorts before it.
        var kept = new PriorityQueue<JournalRow, (int Line, string RowId, long Sequence)>(Math.Min(maxRows, 1024), Comparer<(int Line, string RowId, long Sequence)>.Create((a, b) => Compare(b, a)));
        var tiles = new List<string>();
        var count = 0;
        foreach (var row in journals.SelectMany(j => j.EnumerateRows(null)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = (row.Line, row.RowId, Sequence: (long)count);
            count++;
            if (row.State == RowState.Done)
            {
                tiles.AddRange((row.Outcome?.Files ?? []).Where(f => f.EndsWith(".npz", StringComparison.Ordinal)));
            }

            if (kept.Count < maxRows)
            {
                kept.Enqueue(row, key);
            }
            else if (maxRows > 0 && kept.TryPeek(out _, out var last) && Compare(key, last) < 0)
            {
                kept.DequeueEnqueue(row, key);
            }
        }

        var listed = kept.UnorderedItems.OrderBy(i => i.Priority, Comparer<(int Line, string RowId, long Sequence)>.Create(Compare)).Select(i => i.Element).ToList();
        tiles.Sort(StringComparer.Ordinal);
        return (listed, count, tiles);
    }

    private static int Compare((int Line, string RowId, long Sequence) a, (int Line, string RowId, long Sequence) b)
    {
        var byLine = a.Line.CompareTo(b.Line);
        if (byLine != 0)
        {
            return byLine;
        }

        var byId = string.CompareOrdinal(a.RowId, b.RowId);
        return byId != 0 ? byId : a.Sequence.CompareTo(b.Sequence);
    }

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
