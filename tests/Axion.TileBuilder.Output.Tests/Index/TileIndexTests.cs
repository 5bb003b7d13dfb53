using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Testing.Python;

namespace Axion.TileBuilder.Output.Tests.Index;

public class TileIndexTests
{
    [Fact]
    public void Csv_round_trips_every_field_including_awkward_text_and_nulls()
    {
        using var dir = new TempDirectory();
        var entries = SampleEntries();
        TileIndexWriter.Write(dir.Path, entries);
        var read = TileIndexReader.ReadCsv(Path.Combine(dir.Path, TileIndexWriter.CsvFileName));
        Assert.Equal(entries.Count, read.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(entries[i], read[i]);
        }

        Assert.Equal("São Paulo, \"centro\"\nline 2", read[1].RowId);
        Assert.Null(read[1].S1ItemId);
        Assert.Null(read[1].S1Datetime);
        Assert.Null(read[1].DeltaDays);
        Assert.Equal(TimeSpan.Zero, read[0].S2Datetime.Offset);
    }

    [Fact]
    public void Csv_has_header_invariant_numbers_rfc4180_quoting_and_no_bom()
    {
        using var dir = new TempDirectory();
        TileIndexWriter.Write(dir.Path, SampleEntries());
        var bytes = File.ReadAllBytes(Path.Combine(dir.Path, TileIndexWriter.CsvFileName));
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split("\r\n");
        Assert.Equal(
            "tile_id,row_id,tile_row,tile_col,file,epsg,min_x,min_y,max_x,max_y,s2_item_id,s2_datetime,s1_item_id,s1_datetime,delta_days,cloud_fraction_aoi,valid_fraction,offset_rule,footprint_wkt,s2_item_ids,s1_item_ids,timestep,timestep_start,timestep_end",
            lines[0]);
        Assert.StartsWith("tile_000000,berlin-1,0,1,tile_000000.npz,32633,390000,5818000,392560,5820560,S2B_33UUU_20240601_0_L2A,2024-06-01T10:20:31.024Z,S1A_IW_GRDH_1SDV_20240603,2024-06-03T05:10:00Z,1.7854,0.125,0.96875,baseline_ge_04_minus_1000,\"POLYGON ((", lines[1]);
        Assert.StartsWith("tile_000001,\"São Paulo, \"\"centro\"\"\nline 2\",", lines[2]);
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public void GeoJson_is_a_feature_collection_with_closed_counter_clockwise_rings_and_all_properties()
    {
        using var dir = new TempDirectory();
        var entries = SampleEntries();
        var files = TileIndexWriter.Write(dir.Path, entries);
        Assert.Equal(entries.Count, files.Count);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(files.GeoJsonPath));
        var root = doc.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(entries.Count, features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i];
            Assert.Equal("Feature", feature.GetProperty("type").GetString());
            var geometry = feature.GetProperty("geometry");
            Assert.Equal("Polygon", geometry.GetProperty("type").GetString());
            var ring = Assert.Single(geometry.GetProperty("coordinates").EnumerateArray())
                .EnumerateArray().Select(p => (Lon: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
            Assert.True(ring.Count >= 4);
            Assert.Equal(ring[0], ring[^1]);
            Assert.True(SignedArea(ring) > 0, "exterior ring must be counter-clockwise (RFC 7946)");
            Assert.Equal(entries[i].Footprint.Select(p => (p.Longitude, p.Latitude)).Order(), ring.Order());

            var props = feature.GetProperty("properties");
            Assert.Equal(TileIndexColumns.Csv.Where(c => c != TileIndexColumns.FootprintWkt).Order(StringComparer.Ordinal),
                props.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(entries[i].TileId, props.GetProperty("tile_id").GetString());
            Assert.Equal(entries[i].Epsg, props.GetProperty("epsg").GetInt32());
            Assert.Equal(entries[i].Bounds.MaxY, props.GetProperty("max_y").GetDouble());
        }

        var second = features[1].GetProperty("properties");
        Assert.Equal(JsonValueKind.Null, second.GetProperty("s1_item_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("delta_days").ValueKind);
        Assert.Equal("2024-06-01T10:20:31.024Z", features[0].GetProperty("properties").GetProperty("s2_datetime").GetString());
    }

    [Fact]
    public void Python_json_reads_the_geojson_and_csv()
    {
        using var dir = new TempDirectory();
        var files = TileIndexWriter.Write(dir.Path, SampleEntries());
        const string Script = """
            import csv, json, sys
            with open(sys.argv[1], encoding='utf-8') as f:
                g = json.load(f)
            rings = [ft['geometry']['coordinates'][0] for ft in g['features']]
            with open(sys.argv[2], encoding='utf-8', newline='') as f:
                rows = list(csv.DictReader(f))
            print(json.dumps({
                'n': len(g['features']),
                'closed': all(r[0] == r[-1] and len(r) >= 4 for r in rings),
                'row_ids': [ft['properties']['row_id'] for ft in g['features']],
                'csv_row_ids': [r['row_id'] for r in rows],
                'csv_min_x': [float(r['min_x']) for r in rows],
            }, ensure_ascii=True))
            """;
        using var doc = JsonDocument.Parse(PythonNumpy.RunChecked(Script, files.GeoJsonPath, files.CsvPath));
        var root = doc.RootElement;
        var entries = SampleEntries();
        Assert.Equal(entries.Count, root.GetProperty("n").GetInt32());
        Assert.True(root.GetProperty("closed").GetBoolean());
        Assert.Equal(entries.Select(e => e.RowId), root.GetProperty("row_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(entries.Select(e => e.RowId), root.GetProperty("csv_row_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(entries.Select(e => e.Bounds.MinX), root.GetProperty("csv_min_x").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void Invalid_entries_are_rejected_before_anything_is_written()
    {
        using var dir = new TempDirectory();
        var good = SampleEntries()[0];
        var open = good with { Footprint = good.Footprint.Take(4).ToList() };
        Assert.Contains("not closed", Assert.Throws<ArgumentException>(() => TileIndexWriter.Write(dir.Path, [good, open])).Message);
        var tiny = good with { Footprint = [new(1, 1), new(2, 2), new(1, 1)] };
        Assert.Contains("at least 4", Assert.Throws<ArgumentException>(() => TileIndexWriter.Write(dir.Path, [tiny])).Message);
        var nan = good with { CloudFractionAoi = double.NaN };
        Assert.Throws<ArgumentException>(() => TileIndexWriter.Write(dir.Path, [nan]));
        Assert.Empty(dir.AllFiles());
    }

    [Fact]
    public void Rewriting_replaces_both_files_atomically_and_leaves_no_temp()
    {
        using var dir = new TempDirectory();
        var entries = SampleEntries();
        TileIndexWriter.Write(dir.Path, entries);
        TileIndexWriter.Write(dir.Path, entries.Take(1));
        Assert.Equal(new[] { "index.csv", "index.geojson", "index.parquet" }, dir.AllFiles());
        Assert.Single(TileIndexReader.ReadCsv(Path.Combine(dir.Path, "index.csv")));
        TileIndexWriter.Write(dir.Path, []);
        Assert.Empty(TileIndexReader.ReadCsv(Path.Combine(dir.Path, "index.csv")));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "index.geojson")));
        Assert.Equal(0, doc.RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public void Write_pulls_entries_one_at_a_time_and_a_cancelled_write_keeps_the_earlier_files()
    {
        using var dir = new TempDirectory();
        TileIndexWriter.Write(dir.Path, SampleEntries().Take(1));
        var before = File.ReadAllBytes(Path.Combine(dir.Path, "index.csv"));
        using var cancel = new CancellationTokenSource();
        var pulled = 0;
        IEnumerable<TileIndexEntry> Source()
        {
            for (var i = 0; i < 1000; i++)
            {
                pulled++;
                if (pulled == 3)
                {
                    cancel.Cancel();
                }

                yield return SampleEntries()[i % 2];
            }
        }

        Assert.Throws<OperationCanceledException>(() => TileIndexWriter.Write(dir.Path, Source(), cancel.Token));

        // Streaming: the writer stopped at the entry that cancelled (the third), instead of reading all 1000 first.
        Assert.Equal(3, pulled);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir.Path, "index.csv")));
        Assert.Equal(new[] { "index.csv", "index.geojson", "index.parquet" }, dir.AllFiles());
    }

    [Fact]
    public void Reader_reports_missing_columns_and_bad_values_with_line_and_column()
    {
        // The header of an index written before the optional item-id columns existed.
        var header = string.Join(',', TileIndexColumns.Csv.Except(TileIndexColumns.Optional));
        var missing = Assert.Throws<TileIndexFormatException>(() => TileIndexReader.ReadCsv(new StringReader("tile_id,row_id\r\na,b\r\n")));
        Assert.Contains("epsg", missing.Message);

        var row = "t,r,0,0,t.npz,notanumber,0,0,1,1,s2,2024-01-01T00:00:00Z,,,,0,1,none,\"POLYGON ((0 0, 1 0, 1 1, 0 0))\"";
        var bad = Assert.Throws<TileIndexFormatException>(() => TileIndexReader.ReadCsv(new StringReader(header + "\r\n" + row + "\r\n")));
        Assert.Contains("line 2, column epsg", bad.Message);
        Assert.Contains("'notanumber'", bad.Message);

        var unterminated = Assert.Throws<TileIndexFormatException>(() => TileIndexReader.ReadCsv(new StringReader(header + "\r\n\"open")));
        Assert.Contains("unterminated", unterminated.Message);
        Assert.Contains("header row", Assert.Throws<TileIndexFormatException>(() => TileIndexReader.ReadCsv(new StringReader(string.Empty))).Message);
    }

    [Fact]
    public void Reader_accepts_reordered_columns_and_lf_line_endings()
    {
        var entry = SampleEntries()[0];
        using var dir = new TempDirectory();
        TileIndexWriter.Write(dir.Path, [entry]);
        var lines = File.ReadAllText(Path.Combine(dir.Path, "index.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headerCells = lines[0].Split(',');
        var rowCells = SplitQuoted(lines[1]);
        var order = Enumerable.Range(0, headerCells.Length).Reverse().ToArray();
        var reordered = string.Join(',', order.Select(i => headerCells[i])) + "\n" + string.Join(',', order.Select(i => rowCells[i])) + "\n";
        var read = Assert.Single(TileIndexReader.ReadCsv(new StringReader(reordered)));
        Assert.Equal(entry, read);
    }

    private static List<string> SplitQuoted(string line)
    {
        var cells = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }

    private static double SignedArea(List<(double Lon, double Lat)> ring)
    {
        double sum = 0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            sum += (ring[i].Lon * ring[i + 1].Lat) - (ring[i + 1].Lon * ring[i].Lat);
        }

        return sum / 2;
    }

    private static IReadOnlyList<GeoPoint> Footprint(UtmBounds b, int zone, bool north, bool clockwise)
    {
        (double X, double Y)[] corners = clockwise
            ? [(b.MinX, b.MinY), (b.MinX, b.MaxY), (b.MaxX, b.MaxY), (b.MaxX, b.MinY), (b.MinX, b.MinY)]
            : [(b.MinX, b.MinY), (b.MaxX, b.MinY), (b.MaxX, b.MaxY), (b.MinX, b.MaxY), (b.MinX, b.MinY)];
        return corners.Select(c =>
        {
            var (lon, lat) = Utm.Inverse(c.X, c.Y, zone, north);
            return new GeoPoint(lon, lat);
        }).ToList();
    }

    private static List<TileIndexEntry> SampleEntries()
    {
        var b0 = new UtmBounds(390000, 5818000, 392560, 5820560);
        var b1 = new UtmBounds(333280.5, 7394720.25, 335840.5, 7397280.25);
        return
        [
            new TileIndexEntry(
                "tile_000000", "berlin-1", 0, 1, "tile_000000.npz", 32633, b0, Footprint(b0, 33, true, clockwise: true),
                "S2B_33UUU_20240601_0_L2A", new DateTimeOffset(2024, 6, 1, 12, 20, 31, 24, TimeSpan.FromHours(2)),
                "S1A_IW_GRDH_1SDV_20240603", new DateTimeOffset(2024, 6, 3, 5, 10, 0, TimeSpan.Zero), 1.7854,
                0.125, 0.96875, "baseline_ge_04_minus_1000")
            {
                // A mosaic: two Sentinel-2 items of one pass and two Sentinel-1 frames.
                S2ItemIds = ["S2B_33UUU_20240601_0_L2A", "S2B_33UVU_20240601_0_L2A"],
                S1ItemIds = ["S1A_IW_GRDH_1SDV_20240603", "S1A_IW_GRDH_1SDV_20240603b"],

                // Timestep 1 of a batch with --timesteps (the second season of 2024).
                Timestep = 1,
                TimestepStart = new DateOnly(2024, 4, 1),
                TimestepEnd = new DateOnly(2024, 6, 30),
            },
            new TileIndexEntry(
                "tile_000001", "São Paulo, \"centro\"\nline 2", 2, 0, "tile_000001.npz", 32723, b1, Footprint(b1, 23, false, clockwise: false),
                "S2A_23KLP_20240105_0_L2A", new DateTimeOffset(2024, 1, 5, 13, 0, 0, 123, TimeSpan.Zero).AddTicks(4567),
                null, null, null, 0.0, 1.0 / 3.0, "none"),
        ];
    }
}
