using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Output.Index;
using Parquet;
using Parquet.Schema;

namespace Axion.TileBuilder.Output.Tests.Index;

public class TileIndexParquetTests
{
    private static readonly string[] CoveringParts = ["xmin", "ymin", "xmax", "ymax"];

    [Fact]
    public async Task Parquet_has_the_csv_columns_with_the_same_values_in_row_groups()
    {
        using var dir = new TempDirectory();
        var entries = Entries(5);
        var files = TileIndexWriter.Write(dir.Path, entries, rowGroupSize: 2, CancellationToken.None);
        var csv = TileIndexReader.ReadCsv(files.CsvPath);

        await using var reader = await ParquetReader.CreateAsync(files.ParquetPath);
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(
            [.. TileIndexColumns.Csv, "geometry", .. CoveringParts.Select(p => "bbox/" + p)],
            reader.Schema.GetDataFields().Select(f => f.Path.ToString()));
        var columns = await ReadAll(reader);

        Assert.Equal(csv.Select(e => e.TileId), columns[TileIndexColumns.TileId].Cast<string>());
        Assert.Equal(csv.Select(e => e.RowId), columns[TileIndexColumns.RowId].Cast<string>());
        Assert.Equal(csv.Select(e => e.TileRow), columns[TileIndexColumns.TileRow].Cast<int>());
        Assert.Equal(csv.Select(e => e.TileCol), columns[TileIndexColumns.TileCol].Cast<int>());
        Assert.Equal(csv.Select(e => e.File), columns[TileIndexColumns.File].Cast<string>());
        Assert.Equal(csv.Select(e => e.Epsg), columns[TileIndexColumns.Epsg].Cast<int>());
        Assert.Equal(csv.Select(e => e.Bounds.MinX), columns[TileIndexColumns.MinX].Cast<double>());
        Assert.Equal(csv.Select(e => e.Bounds.MaxY), columns[TileIndexColumns.MaxY].Cast<double>());
        Assert.Equal(csv.Select(e => e.S2ItemId), columns[TileIndexColumns.S2ItemId].Cast<string>());
        Assert.Equal(csv.Select(e => e.S2Datetime.UtcDateTime), columns[TileIndexColumns.S2Datetime].Cast<DateTime>());
        Assert.Equal(csv.Select(e => e.S1ItemId), columns[TileIndexColumns.S1ItemId].Cast<string?>());
        Assert.Equal(csv.Select(e => e.S1Datetime?.UtcDateTime), columns[TileIndexColumns.S1Datetime].Cast<DateTime?>());
        Assert.Equal(csv.Select(e => e.DeltaDays), columns[TileIndexColumns.DeltaDays].Cast<double?>());
        Assert.Equal(csv.Select(e => e.CloudFractionAoi), columns[TileIndexColumns.CloudFractionAoi].Cast<double>());
        Assert.Equal(csv.Select(e => e.ValidFraction), columns[TileIndexColumns.ValidFraction].Cast<double>());
        Assert.Equal(csv.Select(e => e.OffsetRule), columns[TileIndexColumns.OffsetRule].Cast<string>());
        Assert.Equal(csv.Select(e => e.S2ItemIds is null ? null : string.Join(';', e.S2ItemIds)), columns[TileIndexColumns.S2ItemIds].Cast<string?>());
        Assert.Equal(csv.Select(e => e.S1ItemIds is null ? null : string.Join(';', e.S1ItemIds)), columns[TileIndexColumns.S1ItemIds].Cast<string?>());
        Assert.Equal(csv.Select(e => e.Timestep), columns[TileIndexColumns.Timestep].Cast<int?>());
        Assert.Equal(csv.Select(e => e.TimestepStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), columns[TileIndexColumns.TimestepStart].Cast<string?>());
        Assert.Equal(csv.Select(e => e.TimestepEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), columns[TileIndexColumns.TimestepEnd].Cast<string?>());
        Assert.Contains(csv, e => e.Timestep == 2);
        Assert.Contains(csv, e => e.Timestep is null);
        Assert.Equal(
            File.ReadAllLines(files.CsvPath).Skip(1).Select(l => l.Split(",\"POLYGON")[1].Split('"')[0]).Select(w => "POLYGON" + w),
            columns[TileIndexColumns.FootprintWkt].Cast<string>());

        // Tick-exact times survive (nanosecond timestamps) and the S1-less tile has nulls.
        Assert.Equal(entries[1].S2Datetime.UtcTicks, ((DateTime)columns[TileIndexColumns.S2Datetime][1]!).Ticks);
        Assert.Null(columns[TileIndexColumns.S1ItemId][1]);
        Assert.Null(columns[TileIndexColumns.DeltaDays][1]);
    }

    [Fact]
    public async Task Geometry_is_the_footprint_as_counter_clockwise_wkb_with_its_covering_bbox()
    {
        using var dir = new TempDirectory();
        var entries = Entries(3);
        var files = TileIndexWriter.Write(dir.Path, entries);

        await using var reader = await ParquetReader.CreateAsync(files.ParquetPath);
        var columns = await ReadAll(reader);
        for (var i = 0; i < entries.Count; i++)
        {
            var ring = WkbPolygon.Read((byte[])columns["geometry"][i]!);
            Assert.Equal(entries[i].Footprint.Count, ring.Count);
            Assert.Equal(entries[i].Footprint.Select(p => (p.Longitude, p.Latitude)).Order(), ring.Select(p => (p.Longitude, p.Latitude)).Order());
            Assert.Equal(ring[0], ring[^1]);
            Assert.True(SignedArea(ring) > 0, "exterior ring must be counter-clockwise");
            Assert.Equal(entries[i].Footprint.Min(p => p.Longitude), (double)columns["bbox/xmin"][i]!);
            Assert.Equal(entries[i].Footprint.Min(p => p.Latitude), (double)columns["bbox/ymin"][i]!);
            Assert.Equal(entries[i].Footprint.Max(p => p.Longitude), (double)columns["bbox/xmax"][i]!);
            Assert.Equal(entries[i].Footprint.Max(p => p.Latitude), (double)columns["bbox/ymax"][i]!);
        }
    }

    [Fact]
    public async Task Geo_metadata_follows_geoparquet_1_1()
    {
        using var dir = new TempDirectory();
        var entries = Entries(4);
        var files = TileIndexWriter.Write(dir.Path, entries);

        await using var reader = await ParquetReader.CreateAsync(files.ParquetPath);
        using var geo = JsonDocument.Parse(reader.CustomMetadata["geo"]);
        var root = geo.RootElement;
        Assert.Equal("1.1.0", root.GetProperty("version").GetString());
        Assert.Equal("geometry", root.GetProperty("primary_column").GetString());
        var column = root.GetProperty("columns").GetProperty("geometry");
        Assert.Equal("WKB", column.GetProperty("encoding").GetString());
        Assert.Equal(["Polygon"], column.GetProperty("geometry_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("counterclockwise", column.GetProperty("orientation").GetString());
        Assert.False(column.TryGetProperty("crs", out _), "no crs member: GeoParquet's default, OGC:CRS84");
        var all = entries.SelectMany(e => e.Footprint).ToList();
        Assert.Equal(
            [all.Min(p => p.Longitude), all.Min(p => p.Latitude), all.Max(p => p.Longitude), all.Max(p => p.Latitude)],
            column.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()));
        var covering = column.GetProperty("covering").GetProperty("bbox");
        foreach (var part in CoveringParts)
        {
            Assert.Equal(["bbox", part], covering.GetProperty(part).EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Fact]
    public async Task An_empty_index_is_a_valid_parquet_file_without_rows_or_bbox()
    {
        using var dir = new TempDirectory();
        var files = TileIndexWriter.Write(dir.Path, []);

        await using var reader = await ParquetReader.CreateAsync(files.ParquetPath);
        Assert.Equal(0, reader.RowGroupCount);
        Assert.Equal(TileIndexColumns.Csv.Count + 5, reader.Schema.GetDataFields().Length);
        using var geo = JsonDocument.Parse(reader.CustomMetadata["geo"]);
        Assert.False(geo.RootElement.GetProperty("columns").GetProperty("geometry").TryGetProperty("bbox", out _));
    }

    [Fact]
    public void Wkb_rejects_what_is_not_a_one_ring_polygon()
    {
        var point = new byte[21];
        point[0] = 1;
        point[1] = 1;
        Assert.Contains("type 1", Assert.Throws<FormatException>(() => WkbPolygon.Read(point)).Message);
        var ring = WkbPolygon.Write([new(0, 0), new(1, 0), new(1, 1), new(0, 0)]);
        Assert.Contains("needs 77 bytes", Assert.Throws<FormatException>(() => WkbPolygon.Read(ring.AsSpan(0, ring.Length - 1))).Message);
    }

    /// <summary>Every column of every row group, by path (<c>bbox/xmin</c> for a struct member), as boxed values in file order.</summary>
    private static async Task<Dictionary<string, List<object?>>> ReadAll(ParquetReader reader)
    {
        var columns = reader.Schema.GetDataFields().ToDictionary(f => f.Path.ToString(), _ => new List<object?>());
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            foreach (var field in reader.Schema.GetDataFields())
            {
                columns[field.Path.ToString()].AddRange(await ReadColumn(group, field, n));
            }
        }

        return columns;
    }

    private static async Task<IEnumerable<object?>> ReadColumn(ParquetRowGroupReader group, DataField field, int n)
    {
        if (field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[n];
            await group.ReadAsync(field, values.AsMemory());
            return values;
        }

        if (field.ClrType == typeof(ReadOnlyMemory<byte>))
        {
            var values = new byte[]?[n];
            await group.ReadAsync(field, values.AsMemory());
            return values;
        }

        if (field.ClrType == typeof(int) && field.IsNullable)
        {
            return await Nullable<int>(group, field, n);
        }

        if (field.ClrType == typeof(int))
        {
            var values = new int[n];
            await group.ReadAsync<int>(field, values.AsMemory());
            return values.Cast<object?>();
        }

        if (field.ClrType == typeof(DateTime))
        {
            return field.IsNullable ? await Nullable<DateTime>(group, field, n) : await Required<DateTime>(group, field, n);
        }

        if (field.Path.ToString().StartsWith("bbox/", StringComparison.Ordinal))
        {
            // A member of the covering struct: every row defined (definition level = the maximum).
            var values = new double[n];
            var levels = new int[n];
            await group.ReadRawAsync<double>(field, values.AsMemory(), levels.AsMemory(), null, CancellationToken.None);
            Assert.All(levels, level => Assert.Equal(field.MaxDefinitionLevel, level));
            return values.Cast<object?>();
        }

        return field.IsNullable && field.Path.ToString() == TileIndexColumns.DeltaDays
            ? await Nullable<double>(group, field, n)
            : await Required<double>(group, field, n);
    }

    private static async Task<IEnumerable<object?>> Required<T>(ParquetRowGroupReader group, DataField field, int n)
        where T : struct
    {
        var values = new T[n];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values.Cast<object?>();
    }

    private static async Task<IEnumerable<object?>> Nullable<T>(ParquetRowGroupReader group, DataField field, int n)
        where T : struct
    {
        var values = new T?[n];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values.Cast<object?>();
    }

    private static double SignedArea(IReadOnlyList<GeoPoint> ring)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            sum += (ring[i].Longitude * ring[i + 1].Latitude) - (ring[i + 1].Longitude * ring[i].Latitude);
        }

        return sum / 2;
    }

    /// <summary><paramref name="count"/> tiles; odd ones have no Sentinel-1 item, even ones a clockwise ring and a mosaic.</summary>
    private static List<TileIndexEntry> Entries(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var lon = 13.0 + (i * 0.05);
        var lat = 52.0 - (i * 0.03);
        GeoPoint[] ring = i % 2 == 0
            ? [new(lon, lat), new(lon, lat + 0.023), new(lon + 0.037, lat + 0.023), new(lon + 0.037, lat), new(lon, lat)]
            : [new(lon, lat), new(lon + 0.037, lat), new(lon + 0.037, lat + 0.023), new(lon, lat + 0.023), new(lon, lat)];
        var s1 = i % 2 == 0;
        return new TileIndexEntry(
            $"tile_r{i}_0_{i}", $"r{i}, \"x\"", 0, i, $"tile_r{i}_0_{i}.npz", 32633,
            new UtmBounds(390000 + (i * 2560), 5818000, 392560.5 + (i * 2560), 5820560), ring,
            "S2B_" + i, new DateTimeOffset(2024, 6, 1, 10, 20, 31, 24, TimeSpan.Zero).AddTicks(1234567 + i),
            s1 ? "S1A_" + i : null, s1 ? new DateTimeOffset(2024, 6, 3, 5, 10, 0, TimeSpan.Zero) : null, s1 ? 1.75 + i : null,
            0.125 * i, 1.0 / (i + 3), "baseline_ge_04_minus_1000")
        {
            S2ItemIds = s1 ? ["S2B_" + i, "S2B_" + i + "b"] : null,
            S1ItemIds = s1 ? ["S1A_" + i] : null,
            Timestep = s1 ? i % 4 : null,
            TimestepStart = s1 ? new DateOnly(2024, 1, 1).AddDays(91 * (i % 4)) : null,
            TimestepEnd = s1 ? new DateOnly(2024, 1, 1).AddDays((91 * (i % 4)) + 90) : null,
        };
    }).ToList();
}
