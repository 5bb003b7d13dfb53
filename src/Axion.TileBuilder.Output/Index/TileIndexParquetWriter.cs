using Axion.TileBuilder.Output.IO;
using Parquet;
using Parquet.Schema;

namespace Axion.TileBuilder.Output.Index;

/// <summary>
/// Streams <c>index.parquet</c> (GeoParquet 1.1, <see cref="GeoParquetMetadata"/>) through Parquet.Net: the columns
/// of <c>index.csv</c> typed (integers int32, numbers float64, times UTC timestamps in nanoseconds, empty values
/// null), then <c>geometry</c> (the footprint as WKB) and the covering <c>bbox</c> struct. Entries are buffered
/// <see cref="RowGroupSize"/> at a time and written as one row group, so memory is bounded at any tile count.
/// </summary>
/// <remarks>Parquet.Net's API is asynchronous only; the writer targets a local file stream and waits for each call.</remarks>
internal sealed class TileIndexParquetWriter : IDisposable
{
    /// <summary>Tiles per row group: 50,000.</summary>
    public const int RowGroupSize = 50_000;

    private static readonly DataField<string> TileId = new(TileIndexColumns.TileId, false);
    private static readonly DataField<string> RowId = new(TileIndexColumns.RowId, false);
    private static readonly DataField<int> TileRow = new(TileIndexColumns.TileRow);
    private static readonly DataField<int> TileCol = new(TileIndexColumns.TileCol);
    private static readonly DataField<string> File = new(TileIndexColumns.File, false);
    private static readonly DataField<int> Epsg = new(TileIndexColumns.Epsg);
    private static readonly DataField<double> MinX = new(TileIndexColumns.MinX);
    private static readonly DataField<double> MinY = new(TileIndexColumns.MinY);
    private static readonly DataField<double> MaxX = new(TileIndexColumns.MaxX);
    private static readonly DataField<double> MaxY = new(TileIndexColumns.MaxY);
    private static readonly DataField<string> S2ItemId = new(TileIndexColumns.S2ItemId, false);
    private static readonly DateTimeDataField S2Datetime = new(TileIndexColumns.S2Datetime, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos, isNullable: false);
    private static readonly DataField<string> S1ItemId = new(TileIndexColumns.S1ItemId, true);
    private static readonly DateTimeDataField S1Datetime = new(TileIndexColumns.S1Datetime, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos, isNullable: true);
    private static readonly DataField<double?> DeltaDays = new(TileIndexColumns.DeltaDays);
    private static readonly DataField<double> CloudFractionAoi = new(TileIndexColumns.CloudFractionAoi);
    private static readonly DataField<double> ValidFraction = new(TileIndexColumns.ValidFraction);
    private static readonly DataField<string> OffsetRule = new(TileIndexColumns.OffsetRule, false);
    private static readonly DataField<string> FootprintWkt = new(TileIndexColumns.FootprintWkt, false);
    private static readonly DataField<string> S2ItemIds = new(TileIndexColumns.S2ItemIds, true);
    private static readonly DataField<string> S1ItemIds = new(TileIndexColumns.S1ItemIds, true);
    private static readonly DataField<int?> Timestep = new(TileIndexColumns.Timestep);
    private static readonly DataField<string> TimestepStart = new(TileIndexColumns.TimestepStart, true);
    private static readonly DataField<string> TimestepEnd = new(TileIndexColumns.TimestepEnd, true);
    private static readonly DataField<byte[]> Geometry = new(GeoParquetMetadata.GeometryColumn, false);
    private static readonly DataField<double> BboxXMin = new("xmin");
    private static readonly DataField<double> BboxYMin = new("ymin");
    private static readonly DataField<double> BboxXMax = new("xmax");
    private static readonly DataField<double> BboxYMax = new("ymax");

    /// <summary>The file's schema: the CSV columns in order, then <c>geometry</c> and <c>bbox</c>.</summary>
    public static ParquetSchema Schema { get; } = new(
        TileId, RowId, TileRow, TileCol, File, Epsg, MinX, MinY, MaxX, MaxY, S2ItemId, S2Datetime, S1ItemId, S1Datetime,
        DeltaDays, CloudFractionAoi, ValidFraction, OffsetRule, FootprintWkt, S2ItemIds, S1ItemIds, Timestep, TimestepStart, TimestepEnd, Geometry,
        new StructField(GeoParquetMetadata.BboxColumn, BboxXMin, BboxYMin, BboxXMax, BboxYMax));

    private readonly ParquetWriter _writer;
    private readonly List<TileIndexEntry> _pending;
    private readonly int _rowGroupSize;
    private double _minX = double.PositiveInfinity;
    private double _minY = double.PositiveInfinity;
    private double _maxX = double.NegativeInfinity;
    private double _maxY = double.NegativeInfinity;
    private bool _closed;

    /// <param name="file">The temporary file to write.</param>
    /// <param name="rowGroupSize">Tiles per row group (&gt;= 1); <see cref="RowGroupSize"/> in production.</param>
    public TileIndexParquetWriter(AtomicFile file, int rowGroupSize)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        _rowGroupSize = rowGroupSize;
        _pending = new List<TileIndexEntry>(Math.Min(rowGroupSize, 4096));
        _writer = ParquetWriter.CreateAsync(Schema, file.Stream, new ParquetOptions(), append: false).GetAwaiter().GetResult();
    }

    public void Add(TileIndexEntry e)
    {
        _pending.Add(e);
        if (_pending.Count == _rowGroupSize)
        {
            WriteRowGroup();
        }
    }

    /// <summary>Writes the last row group, the <c>geo</c> metadata and the footer.</summary>
    public void Complete()
    {
        WriteRowGroup();
        double[]? bbox = double.IsFinite(_minX) ? [_minX, _minY, _maxX, _maxY] : null;
        _writer.CustomMetadata = new Dictionary<string, string> { [GeoParquetMetadata.Key] = GeoParquetMetadata.Json(bbox) };
        Dispose();
    }

    public void Dispose()
    {
        if (!_closed)
        {
            _closed = true;
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private void WriteRowGroup()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var rows = _pending;
        var extents = rows.Select(e => GeoParquetMetadata.Extent(e.Footprint)).ToArray();
        foreach (var (minX, minY, maxX, maxY) in extents)
        {
            _minX = Math.Min(_minX, minX);
            _minY = Math.Min(_minY, minY);
            _maxX = Math.Max(_maxX, maxX);
            _maxY = Math.Max(_maxY, maxY);
        }

        using (var group = _writer.CreateRowGroup())
        {
            Strings(group, TileId, rows.Select(e => e.TileId));
            Strings(group, RowId, rows.Select(e => e.RowId));
            Values(group, TileRow, rows.Select(e => e.TileRow));
            Values(group, TileCol, rows.Select(e => e.TileCol));
            Strings(group, File, rows.Select(e => e.File));
            Values(group, Epsg, rows.Select(e => e.Epsg));
            Values(group, MinX, rows.Select(e => e.Bounds.MinX));
            Values(group, MinY, rows.Select(e => e.Bounds.MinY));
            Values(group, MaxX, rows.Select(e => e.Bounds.MaxX));
            Values(group, MaxY, rows.Select(e => e.Bounds.MaxY));
            Strings(group, S2ItemId, rows.Select(e => e.S2ItemId));
            Values(group, S2Datetime, rows.Select(e => e.S2Datetime.UtcDateTime));
            Strings(group, S1ItemId, rows.Select(e => e.S1ItemId));
            Nullable(group, S1Datetime, rows.Select(e => e.S1Datetime?.UtcDateTime));
            Nullable(group, DeltaDays, rows.Select(e => e.DeltaDays));
            Values(group, CloudFractionAoi, rows.Select(e => e.CloudFractionAoi));
            Values(group, ValidFraction, rows.Select(e => e.ValidFraction));
            Strings(group, OffsetRule, rows.Select(e => e.OffsetRule));
            Strings(group, FootprintWkt, rows.Select(e => IndexValueFormat.Wkt(e.Footprint)));
            Strings(group, S2ItemIds, rows.Select(e => e.S2ItemIds is null ? null : IndexValueFormat.Ids(e.S2ItemIds)));
            Strings(group, S1ItemIds, rows.Select(e => e.S1ItemIds is null ? null : IndexValueFormat.Ids(e.S1ItemIds)));
            Nullable(group, Timestep, rows.Select(e => e.Timestep));
            Strings(group, TimestepStart, rows.Select(e => e.TimestepStart is null ? null : IndexValueFormat.Day(e.TimestepStart)));
            Strings(group, TimestepEnd, rows.Select(e => e.TimestepEnd is null ? null : IndexValueFormat.Day(e.TimestepEnd)));
            var geometry = rows.Select(e => WkbPolygon.Write(TileIndexEntryRules.CounterClockwise(e.Footprint))).ToArray();
            group.WriteAsync(Geometry, geometry).GetAwaiter().GetResult();
            StructPart(group, BboxXMin, extents.Select(x => x.MinX));
            StructPart(group, BboxYMin, extents.Select(x => x.MinY));
            StructPart(group, BboxXMax, extents.Select(x => x.MaxX));
            StructPart(group, BboxYMax, extents.Select(x => x.MaxY));
            group.CompleteValidate();
        }

        _pending.Clear();
    }

    private static void Strings(ParquetRowGroupWriter group, DataField field, IEnumerable<string?> values) =>
        group.WriteAsync(field, values.ToArray()!).GetAwaiter().GetResult();

    private static void Values<T>(ParquetRowGroupWriter group, DataField field, IEnumerable<T> values)
        where T : struct =>
        group.WriteAsync<T>(field, values.ToArray().AsMemory()).GetAwaiter().GetResult();

    /// <summary>A required member of the (always present) <c>bbox</c> struct: every definition level is the maximum.</summary>
    private static void StructPart(ParquetRowGroupWriter group, DataField field, IEnumerable<double> values)
    {
        var data = values.ToArray();
        var levels = new int[data.Length];
        Array.Fill(levels, field.MaxDefinitionLevel);
        group.WriteAllPartsAsync<double>(field, data.AsMemory(), levels.AsMemory(), null, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static void Nullable<T>(ParquetRowGroupWriter group, DataField field, IEnumerable<T?> values)
        where T : struct =>
        group.WriteAsync<T>(field, values.ToArray().AsMemory()).GetAwaiter().GetResult();
}
