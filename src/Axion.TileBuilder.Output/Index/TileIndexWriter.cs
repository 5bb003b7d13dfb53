using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Output.Index;

/// <summary>
/// Writes the tile index of an output directory: <c>index.csv</c> (RFC 4180, invariant culture,
/// header row, CRLF) and <c>index.geojson</c> (a FeatureCollection in EPSG:4326 with one Polygon per
/// tile and every column as a property). Each file is written to a temporary name and renamed.
/// </summary>
public static class TileIndexWriter
{
    /// <summary>File name of the CSV index.</summary>
    public const string CsvFileName = "index.csv";

    /// <summary>File name of the GeoJSON index.</summary>
    public const string GeoJsonFileName = "index.geojson";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes both files into <paramref name="outDir"/> (created if missing), replacing earlier ones.</summary>
    public static TileIndexFiles Write(string outDir, IEnumerable<TileIndexEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        foreach (var entry in list)
        {
            Validate(entry);
        }

        var directory = Path.GetFullPath(outDir);
        var csvPath = Path.Combine(directory, CsvFileName);
        var geoJsonPath = Path.Combine(directory, GeoJsonFileName);
        WriteCsv(csvPath, list);
        WriteGeoJson(geoJsonPath, list);
        return new TileIndexFiles(csvPath, geoJsonPath, list.Count);
    }

    /// <summary>Writes <c>index.csv</c> only, atomically, to <paramref name="path"/>.</summary>
    public static void WriteCsv(string path, IReadOnlyList<TileIndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var file = AtomicFile.Create(path);
        using (var writer = new StreamWriter(file.Stream, Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\r\n" })
        {
            writer.WriteLine(string.Join(',', TileIndexColumns.Csv));
            foreach (var e in entries)
            {
                Validate(e);
                string[] fields =
                [
                    e.TileId,
                    e.RowId,
                    IndexValueFormat.Integer(e.TileRow),
                    IndexValueFormat.Integer(e.TileCol),
                    e.File,
                    IndexValueFormat.Integer(e.Epsg),
                    IndexValueFormat.Number(e.Bounds.MinX),
                    IndexValueFormat.Number(e.Bounds.MinY),
                    IndexValueFormat.Number(e.Bounds.MaxX),
                    IndexValueFormat.Number(e.Bounds.MaxY),
                    e.S2ItemId,
                    IndexValueFormat.Date(e.S2Datetime),
                    e.S1ItemId ?? string.Empty,
                    e.S1Datetime is { } s1 ? IndexValueFormat.Date(s1) : string.Empty,
                    e.DeltaDays is { } delta ? IndexValueFormat.Number(delta) : string.Empty,
                    IndexValueFormat.Number(e.CloudFractionAoi),
                    IndexValueFormat.Number(e.ValidFraction),
                    e.OffsetRule,
                    IndexValueFormat.Wkt(e.Footprint),
                    e.S2ItemIds is { } s2Ids ? string.Join(';', s2Ids) : string.Empty,
                    e.S1ItemIds is { } s1Ids ? string.Join(';', s1Ids) : string.Empty,
                ];
                writer.WriteLine(string.Join(',', fields.Select(Rfc4180.Field)));
            }
        }

        file.Commit();
    }

    /// <summary>Writes <c>index.geojson</c> only, atomically, to <paramref name="path"/>.</summary>
    public static void WriteGeoJson(string path, IReadOnlyList<TileIndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var file = AtomicFile.Create(path);
        using (var json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var e in entries)
            {
                Validate(e);
                WriteFeature(json, e);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        file.Stream.WriteByte((byte)'\n');
        file.Commit();
    }

    private static void WriteFeature(Utf8JsonWriter json, TileIndexEntry e)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", e.TileId);
        json.WriteStartObject("geometry");
        json.WriteString("type", "Polygon");
        json.WriteStartArray("coordinates");
        json.WriteStartArray();
        foreach (var point in CounterClockwise(e.Footprint))
        {
            json.WriteStartArray();
            json.WriteNumberValue(point.Longitude);
            json.WriteNumberValue(point.Latitude);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("properties");
        json.WriteString(TileIndexColumns.TileId, e.TileId);
        json.WriteString(TileIndexColumns.RowId, e.RowId);
        json.WriteNumber(TileIndexColumns.TileRow, e.TileRow);
        json.WriteNumber(TileIndexColumns.TileCol, e.TileCol);
        json.WriteString(TileIndexColumns.File, e.File);
        json.WriteNumber(TileIndexColumns.Epsg, e.Epsg);
        json.WriteNumber(TileIndexColumns.MinX, e.Bounds.MinX);
        json.WriteNumber(TileIndexColumns.MinY, e.Bounds.MinY);
        json.WriteNumber(TileIndexColumns.MaxX, e.Bounds.MaxX);
        json.WriteNumber(TileIndexColumns.MaxY, e.Bounds.MaxY);
        json.WriteString(TileIndexColumns.S2ItemId, e.S2ItemId);
        json.WriteString(TileIndexColumns.S2Datetime, IndexValueFormat.Date(e.S2Datetime));
        WriteNullableString(json, TileIndexColumns.S1ItemId, e.S1ItemId);
        WriteNullableString(json, TileIndexColumns.S1Datetime, e.S1Datetime is { } s1 ? IndexValueFormat.Date(s1) : null);
        if (e.DeltaDays is { } delta)
        {
            json.WriteNumber(TileIndexColumns.DeltaDays, delta);
        }
        else
        {
            json.WriteNull(TileIndexColumns.DeltaDays);
        }

        json.WriteNumber(TileIndexColumns.CloudFractionAoi, e.CloudFractionAoi);
        json.WriteNumber(TileIndexColumns.ValidFraction, e.ValidFraction);
        json.WriteString(TileIndexColumns.OffsetRule, e.OffsetRule);
        WriteIds(json, TileIndexColumns.S2ItemIds, e.S2ItemIds);
        WriteIds(json, TileIndexColumns.S1ItemIds, e.S1ItemIds);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteIds(Utf8JsonWriter json, string name, IReadOnlyList<string>? ids)
    {
        if (ids is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var id in ids)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>The ring with its exterior counter-clockwise, as RFC 7946 asks.</summary>
    private static IEnumerable<GeoPoint> CounterClockwise(IReadOnlyList<GeoPoint> ring)
    {
        var twiceArea = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            twiceArea += (ring[i].Longitude * ring[i + 1].Latitude) - (ring[i + 1].Longitude * ring[i].Latitude);
        }

        return twiceArea < 0 ? ring.Reverse() : ring;
    }

    private static void Validate(TileIndexEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (string.IsNullOrWhiteSpace(e.TileId))
        {
            throw new ArgumentException("A tile index entry has an empty TileId.", nameof(e));
        }

        var ring = e.Footprint ?? throw new ArgumentException($"Tile '{e.TileId}' has no footprint.", nameof(e));
        if (ring.Count < 4)
        {
            throw new ArgumentException($"Tile '{e.TileId}': the footprint ring has {ring.Count} points; a closed ring needs at least 4.", nameof(e));
        }

        if (ring[0] != ring[^1])
        {
            throw new ArgumentException($"Tile '{e.TileId}': the footprint ring is not closed (first {ring[0]}, last {ring[^1]}).", nameof(e));
        }

        foreach (var p in ring)
        {
            if (!double.IsFinite(p.Longitude) || !double.IsFinite(p.Latitude) || Math.Abs(p.Latitude) > 90 || Math.Abs(p.Longitude) > 180)
            {
                throw new ArgumentException($"Tile '{e.TileId}': footprint point {p} is not a valid longitude/latitude.", nameof(e));
            }
        }

        if (!double.IsFinite(e.Bounds.MinX) || !double.IsFinite(e.Bounds.MinY) || !double.IsFinite(e.Bounds.MaxX) || !double.IsFinite(e.Bounds.MaxY))
        {
            throw new ArgumentException($"Tile '{e.TileId}': bounds {e.Bounds} are not finite.", nameof(e));
        }

        if (!double.IsFinite(e.CloudFractionAoi) || !double.IsFinite(e.ValidFraction) || (e.DeltaDays is { } d && !double.IsFinite(d)))
        {
            throw new ArgumentException($"Tile '{e.TileId}': fractions and delta days must be finite numbers.", nameof(e));
        }
    }
}
