using System.Text.Json;
using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Output.Index;

/// <summary>
/// Streams <c>index.geojson</c>: one FeatureCollection in EPSG:4326, a Polygon per tile (exterior ring
/// counter-clockwise, RFC 7946) with every CSV column but the WKT as a property, compact, ending in LF.
/// The JSON writer is flushed every <see cref="FlushBytes"/>, so memory does not grow with the tile count.
/// </summary>
internal sealed class TileIndexGeoJsonWriter : IDisposable
{
    /// <summary>Pending JSON above this size (bytes, 64 KiB) is written through to the file.</summary>
    private const int FlushBytes = 1 << 16;

    private readonly AtomicFile _file;
    private readonly Utf8JsonWriter _json;

    public TileIndexGeoJsonWriter(AtomicFile file)
    {
        _file = file ?? throw new ArgumentNullException(nameof(file));
        _json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = false });
        _json.WriteStartObject();
        _json.WriteString("type", "FeatureCollection");
        _json.WriteStartArray("features");
    }

    public void Add(TileIndexEntry e)
    {
        var json = _json;
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", e.TileId);
        json.WriteStartObject("geometry");
        json.WriteString("type", "Polygon");
        json.WriteStartArray("coordinates");
        json.WriteStartArray();
        foreach (var point in TileIndexEntryRules.CounterClockwise(e.Footprint))
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
        WriteNullableString(TileIndexColumns.S1ItemId, e.S1ItemId);
        WriteNullableString(TileIndexColumns.S1Datetime, e.S1Datetime is { } s1 ? IndexValueFormat.Date(s1) : null);
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
        WriteIds(TileIndexColumns.S2ItemIds, e.S2ItemIds);
        WriteIds(TileIndexColumns.S1ItemIds, e.S1ItemIds);
        if (e.Timestep is { } k)
        {
            json.WriteNumber(TileIndexColumns.Timestep, k);
        }
        else
        {
            json.WriteNull(TileIndexColumns.Timestep);
        }

        WriteNullableString(TileIndexColumns.TimestepStart, e.TimestepStart is null ? null : IndexValueFormat.Day(e.TimestepStart));
        WriteNullableString(TileIndexColumns.TimestepEnd, e.TimestepEnd is null ? null : IndexValueFormat.Day(e.TimestepEnd));

        json.WriteEndObject();
        json.WriteEndObject();
        if (json.BytesPending > FlushBytes)
        {
            json.Flush();
        }
    }

    /// <summary>Closes the collection and writes the final LF.</summary>
    public void Complete()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _file.Stream.WriteByte((byte)'\n');
    }

    public void Dispose() => _json.Dispose();

    private void WriteIds(string name, IReadOnlyList<string>? ids)
    {
        if (ids is null)
        {
            _json.WriteNull(name);
            return;
        }

        _json.WriteStartArray(name);
        foreach (var id in ids)
        {
            _json.WriteStringValue(id);
        }

        _json.WriteEndArray();
    }

    private void WriteNullableString(string name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }
}
