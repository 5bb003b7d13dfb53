using System.Text;
using Axion.TileBuilder.Output.IO;
using nietras.SeparatedValues;

namespace Axion.TileBuilder.Output.Index;

/// <summary>
/// Streams <c>index.csv</c> through Sep: UTF-8 without BOM, CRLF line ends, the header row of
/// <see cref="TileIndexColumns.Csv"/>, invariant-culture values, RFC 4180 quoting (a field holding a comma,
/// quote, CR or LF is quoted, inner quotes doubled). One entry in memory at a time.
/// </summary>
internal sealed class TileIndexCsvWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly SepWriterOptions Options = new(new Sep(',')) { Escape = true, CultureInfo = System.Globalization.CultureInfo.InvariantCulture };

    private readonly StreamWriter _text;
    private readonly SepWriter _csv;

    public TileIndexCsvWriter(AtomicFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _text = new StreamWriter(file.Stream, Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        _csv = Options.To(_text, leaveOpen: true);
        _csv.Header.Add(TileIndexColumns.Csv.ToArray());
    }

    public void Add(TileIndexEntry e)
    {
        using var row = _csv.NewRow();
        row[TileIndexColumns.TileId].Set(e.TileId);
        row[TileIndexColumns.RowId].Set(e.RowId);
        row[TileIndexColumns.TileRow].Set(IndexValueFormat.Integer(e.TileRow));
        row[TileIndexColumns.TileCol].Set(IndexValueFormat.Integer(e.TileCol));
        row[TileIndexColumns.File].Set(e.File);
        row[TileIndexColumns.Epsg].Set(IndexValueFormat.Integer(e.Epsg));
        row[TileIndexColumns.MinX].Set(IndexValueFormat.Number(e.Bounds.MinX));
        row[TileIndexColumns.MinY].Set(IndexValueFormat.Number(e.Bounds.MinY));
        row[TileIndexColumns.MaxX].Set(IndexValueFormat.Number(e.Bounds.MaxX));
        row[TileIndexColumns.MaxY].Set(IndexValueFormat.Number(e.Bounds.MaxY));
        row[TileIndexColumns.S2ItemId].Set(e.S2ItemId);
        row[TileIndexColumns.S2Datetime].Set(IndexValueFormat.Date(e.S2Datetime));
        row[TileIndexColumns.S1ItemId].Set(e.S1ItemId ?? string.Empty);
        row[TileIndexColumns.S1Datetime].Set(e.S1Datetime is { } s1 ? IndexValueFormat.Date(s1) : string.Empty);
        row[TileIndexColumns.DeltaDays].Set(e.DeltaDays is { } delta ? IndexValueFormat.Number(delta) : string.Empty);
        row[TileIndexColumns.CloudFractionAoi].Set(IndexValueFormat.Number(e.CloudFractionAoi));
        row[TileIndexColumns.ValidFraction].Set(IndexValueFormat.Number(e.ValidFraction));
        row[TileIndexColumns.OffsetRule].Set(e.OffsetRule);
        row[TileIndexColumns.FootprintWkt].Set(IndexValueFormat.Wkt(e.Footprint));
        row[TileIndexColumns.S2ItemIds].Set(IndexValueFormat.Ids(e.S2ItemIds));
        row[TileIndexColumns.S1ItemIds].Set(IndexValueFormat.Ids(e.S1ItemIds));
        row[TileIndexColumns.Timestep].Set(e.Timestep is { } k ? IndexValueFormat.Integer(k) : string.Empty);
        row[TileIndexColumns.TimestepStart].Set(IndexValueFormat.Day(e.TimestepStart));
        row[TileIndexColumns.TimestepEnd].Set(IndexValueFormat.Day(e.TimestepEnd));
    }

    /// <summary>Writes out everything buffered (the header too when no entry came).</summary>
    public void Complete()
    {
        _csv.Dispose();
        _text.Flush();
    }

    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
    }
}
