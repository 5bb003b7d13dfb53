using System.Text.Json;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Index;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// Writes <c>index.csv</c>, <c>index.geojson</c> and <c>index.parquet</c> from the journal's done rows, so the
/// index is always complete and consistent with the journal, also after a resume. The rows are streamed from
/// the journal a page at a time into the writers: memory does not grow with the batch.
/// </summary>
public static class TileIndex
{
    /// <summary>Done rows read per journal query.</summary>
    private const int PageSize = 256;

    /// <summary>
    /// Rewrites the index files of <paramref name="outDir"/> from the done rows of <paramref name="journal"/>, in CSV
    /// line order and each row's tiles in the order it recorded them; returns the files and the number of tiles listed.
    /// </summary>
    public static TileIndexFiles Write(string outDir, BatchJournal journal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var entries = journal.EnumerateRows(RowState.Done, JournalRowOrder.Line, PageSize).SelectMany(Entries);
        return TileIndexWriter.Write(outDir, entries, cancellationToken);
    }

    /// <summary>The index entries of a done row's tiles, in the order the row recorded them.</summary>
    public static IEnumerable<TileIndexEntry> Entries(JournalRow row) => Records(row).Select(ToEntry);

    /// <summary>The tile records a done row stored in the journal.</summary>
    public static IReadOnlyList<TileRecord> Records(JournalRow row)
    {
        if (row.Outcome is not { } outcome || string.IsNullOrEmpty(outcome.ItemsJson))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(outcome.ItemsJson);
        if (!doc.RootElement.TryGetProperty("tiles", out var tiles) || tiles.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return tiles.Deserialize<List<TileRecord>>() ?? [];
    }

    private static TileIndexEntry ToEntry(TileRecord t) => new(
        Path.GetFileNameWithoutExtension(t.File),
        t.RowId,
        t.TileRow,
        t.TileCol,
        t.File,
        t.Epsg,
        new UtmBounds(t.Bounds[0], t.Bounds[1], t.Bounds[2], t.Bounds[3]),
        t.FootprintLonLat.Select(p => new GeoPoint(p[0], p[1])).ToList(),
        t.S2ItemId,
        t.S2Datetime,
        t.S1ItemId,
        t.S1Datetime,
        t.DeltaDays,
        Math.Round(1 - t.AoiClearFraction, 4),
        t.ValidFraction,
        t.OffsetRule)
    {
        S2ItemIds = t.S2ItemIds,
        S1ItemIds = t.S1ItemIds,
        Timestep = t.Timestep,
        TimestepStart = t.TimestepStart,
        TimestepEnd = t.TimestepEnd,
    };
}
