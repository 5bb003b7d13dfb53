using System.Globalization;
using System.Text;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Core.Tests.Locations;

public class LocationCsvParserTests
{
    private const string File = "locations.csv";

    private static LocationParseResult Parse(string text) => LocationCsvParser.Parse(new StringReader(text), File);

    private static LocationCsvException Fatal(string text) => Assert.Throws<LocationCsvException>(() => Parse(text));

    [Theory]
    [InlineData("id,lat,lon")]
    [InlineData("ID,Latitude,Longitude")]
    [InlineData("Id,LAT,lng")]
    [InlineData("lon,id,latitude")]
    [InlineData(" id , lat , LON ")]
    public void Header_aliases_and_case_are_accepted(string header)
    {
        var names = header.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var values = names.Select(n => n switch { "id" => "paris", "lat" or "latitude" => "48.8566", _ => "2.3522" });
        var result = Parse(header + "\n" + string.Join(",", values) + "\n");

        var row = Assert.Single(result.Rows);
        Assert.Equal("paris", row.Id);
        Assert.Equal(48.8566, row.Latitude);
        Assert.Equal(2.3522, row.Longitude);
        Assert.Equal(2, row.Line);
        Assert.Null(row.Start);
        Assert.Null(row.TilesX);
        Assert.Empty(result.RowErrors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Bom_in_text_is_ignored()
    {
        var result = Parse("\uFEFFid,lat,lon\na,1,2\n");
        Assert.Equal("a", Assert.Single(result.Rows).Id);
    }

    [Fact]
    public void Bom_bytes_decoded_strictly_are_ignored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id,lat,lon\r\nzürich-ok,47.37,8.54\r\n")).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true));

        // 'ü' is not allowed in an id: the whole file is rejected, proving the BOM did not hide the header.
        var ex = Assert.Throws<LocationCsvException>(() => LocationCsvParser.Parse(reader, File));
        Assert.Contains("non-ASCII character U+00FC", ex.Message);
        Assert.Equal([2], ex.Lines);
    }

    [Fact]
    public void Crlf_and_lf_give_the_same_rows_and_lines()
    {
        var lf = Parse("id,lat,lon\na,1,2\nb,3,4\n");
        var crlf = Parse("id,lat,lon\r\na,1,2\r\nb,3,4\r\n");

        Assert.Equal(lf.Rows, crlf.Rows);
        Assert.Equal(["a", "b"], crlf.Rows.Select(r => r.Id));
        Assert.Equal([2, 3], crlf.Rows.Select(r => r.Line));
        Assert.Equal(4, crlf.Rows[1].Longitude);
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var text = "id,lat,lon,description\n" +
                   "a,1,2,\"Paris, France\"\n" +
                   "b,3,4,\"say \"\"hi\"\"\"\n" +
                   "c,5,6,\"two\nlines\"\n" +
                   "\"d\",\"7.5\",\"8\",\n";
        var result = Parse(text);

        Assert.Empty(result.RowErrors);
        Assert.Equal(["a", "b", "c", "d"], result.Rows.Select(r => r.Id));
        Assert.Equal("Paris, France", result.Rows[0].Description);
        Assert.Equal("say \"hi\"", result.Rows[1].Description);
        Assert.Equal("two\nlines", result.Rows[2].Description);
        Assert.Null(result.Rows[3].Description);
        Assert.Equal(7.5, result.Rows[3].Latitude);
        Assert.Equal([2, 3, 4, 6], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Optional_columns_are_parsed()
    {
        var text = "id,lat,lon,start,end,tiles,description\n" +
                   "a,-33.8688,151.2093,2024-01-01,2024-06-30,3x2,Sydney\n" +
                   "b,1,2,2024-05-01T23:30:00-05:00,2024-05-31T00:00:00Z,4,\n" +
                   "c,1,2,,,,\n" +
                   "d,1,2,2024-02-29T12:00:00,,16X1,x\n";
        var rows = Parse(text).Rows;

        Assert.Equal(new LocationRow("a", 2, -33.8688, 151.2093, new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30), 3, 2, "Sydney"), rows[0]);
        Assert.Equal(new DateOnly(2024, 5, 2), rows[1].Start); // 23:30 at -05:00 is the next UTC day
        Assert.Equal(new DateOnly(2024, 5, 31), rows[1].End);
        Assert.Equal((4, 4), (rows[1].TilesX!.Value, rows[1].TilesY!.Value));
        Assert.Equal(new LocationRow("c", 4, 1, 2), rows[2]);
        Assert.Equal(new DateOnly(2024, 2, 29), rows[3].Start);
        Assert.Equal((16, 1), (rows[3].TilesX!.Value, rows[3].TilesY!.Value));
    }

    [Theory]
    [InlineData("bad,NaN,2,,,", "lat", "'NaN' is not a finite number")]
    [InlineData("bad,Infinity,2,,,", "lat", "'Infinity' is not a finite number")]
    [InlineData("bad,91,2,,,", "lat", "'91' is out of range")]
    [InlineData("bad,-84.5,2,,,", "lat", "UTM")]
    [InlineData("bad,,2,,,", "lat", "is empty")]
    [InlineData("bad,1,abc,,,", "lon", "'abc' is not a number")]
    [InlineData("bad,1,180.5,,,", "lon", "'180.5' is out of range")]
    [InlineData("bad,1,-Infinity,,,", "lon", "not a finite number")]
    [InlineData("bad,1,2,2024-13-01,,", "start", "'2024-13-01' is not a date")]
    [InlineData("bad,1,2,,yesterday,", "end", "'yesterday' is not a date")]
    [InlineData("bad,1,2,2024-06-01,2024-05-01,", "start", "start 2024-06-01 is after end 2024-05-01")]
    [InlineData("bad,1,2,,,0x3", "tiles", "'0x3' is not a tile layout")]
    [InlineData("bad,1,2,,,abc", "tiles", "'abc' is not a tile layout")]
    [InlineData("bad,1,2,,,17x1", "tiles", "'17x1' is not a tile layout")]
    [InlineData("bad,1,2,,,2x", "tiles", "'2x' is not a tile layout")]
    public void Bad_row_becomes_a_row_error_naming_line_and_field(string row, string field, string expected)
    {
        var result = Parse("id,lat,lon,start,end,tiles\nok,1,2,,,\n" + row + "\nok2,3,4,,,\n");

        Assert.Equal(["ok", "ok2"], result.Rows.Select(r => r.Id));
        var error = Assert.Single(result.RowErrors);
        Assert.Equal("bad", error.RowId);
        Assert.False(error.IdIsSynthetic);
        Assert.Equal(3, error.Line);
        Assert.Contains(field, error.Fields);
        Assert.StartsWith("locations.csv line 3: ", error.Message);
        Assert.Contains($"'{field}'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Row_error_lists_every_bad_field()
    {
        var error = Assert.Single(Parse("id,lat,lon\nx,abc,999\n").RowErrors);
        Assert.Equal(["lat", "lon"], error.Fields);
        Assert.Contains("field 'lat' value 'abc'", error.Message);
        Assert.Contains("field 'lon' value '999'", error.Message);
    }

    [Fact]
    public void Latitude_beyond_84_says_utm_is_undefined_and_84_itself_is_fine()
    {
        var result = Parse("id,lat,lon\nnorth,84,10\nfar,84.01,10\n");
        Assert.Equal("north", Assert.Single(result.Rows).Id);
        Assert.Contains("UTM", Assert.Single(result.RowErrors).Message);
    }

    [Fact]
    public void Row_without_id_gets_a_synthetic_id_that_does_not_collide()
    {
        var result = Parse("id,lat,lon\nline-3,1,2\n,1,2\n");
        var error = Assert.Single(result.RowErrors);
        Assert.Equal("line-3-2", error.RowId);
        Assert.True(error.IdIsSynthetic);
        Assert.Equal(["id"], error.Fields);

        var plain = Assert.Single(Parse("id,lat,lon\na,1,2\n\"\",1,x\n").RowErrors);
        Assert.Equal("line-3", plain.RowId);
        Assert.Equal(["id", "lon"], plain.Fields);
    }

    [Fact]
    public void Row_with_wrong_field_count_is_a_row_error()
    {
        var result = Parse("id,lat,lon\na,1,2,Paris, France\nb,1\n");
        Assert.Empty(result.Rows);
        Assert.Equal([2, 3], result.RowErrors.Select(e => e.Line));
        Assert.Equal("a", result.RowErrors[0].RowId);
        Assert.Contains("has 5 field(s) but the header has 3", result.RowErrors[0].Message);
        Assert.Contains("has 2 field(s)", result.RowErrors[1].Message);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_lines_still_count()
    {
        var result = Parse("id,lat,lon\n\na,1,2\n\r\n,,\nb,3,4\n\n");
        Assert.Equal([3, 6], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Extra_columns_give_one_warning()
    {
        var result = Parse("id,lat,lon,foo,Bar,\na,1,2,x,y,\nb,3,4,x,y,\nc,5,6,x,y,\n");
        Assert.Equal(3, result.Rows.Count);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("ignoring 3 unknown column(s): foo, Bar, (unnamed column 6)", warning);
        Assert.StartsWith("locations.csv line 1", warning);
    }

    [Fact]
    public void Many_extra_columns_are_named_up_to_twenty()
    {
        var header = "id,lat,lon," + string.Join(",", Enumerable.Range(0, 25).Select(i => $"x{i}"));
        var row = "a,1,2" + new string(',', 25);
        var warning = Assert.Single(Parse(header + "\n" + row + "\n").Warnings);
        Assert.Contains("ignoring 25 unknown column(s): x0, x1,", warning);
        Assert.Contains("x19 and 5 more", warning);
        Assert.DoesNotContain("x20", warning);
    }

    [Theory]
    [InlineData("id;lat;lon\na;1;2\n")]
    [InlineData("id\tlat\tlon\na\t1\t2\n")]
    public void Other_separators_get_a_hint(string text)
    {
        Assert.Contains("The separator must be a comma", Fatal(text).Message);
    }

    [Fact]
    public void Invalid_utf8_is_left_to_the_strict_decoder_of_the_caller()
    {
        byte[] bytes = [.. "id,lat,lon\na"u8, 0xC3, 0x28, .. ",1,2\n"u8];
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true));
        Assert.Throws<DecoderFallbackException>(() => LocationCsvParser.Parse(reader, File));
    }

    [Fact]
    public void Very_long_description_is_fine()
    {
        var longText = new string('x', 200_000);
        var row = Assert.Single(Parse($"id,lat,lon,description\na,1,2,{longText}\n").Rows);
        Assert.Equal(200_000, row.Description!.Length);
    }

    [Fact]
    public void Empty_file_is_fatal()
    {
        var ex = Fatal("");
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Equal("bad_input", ex.Reason);
        Assert.Contains("locations.csv is empty", ex.Message);
        Assert.Equal(File, ex.SourceName);
    }

    [Fact]
    public void Header_only_is_fatal_no_rows()
    {
        var ex = Fatal("id,lat,lon\n\n");
        Assert.Contains("no rows", ex.Message);
        Assert.Contains("line 1", ex.Message);
    }

    [Fact]
    public void Blank_first_line_is_fatal()
    {
        Assert.Contains("line 1: the first line is blank", Fatal("\nid,lat,lon\na,1,2\n").Message);
    }

    [Fact]
    public void Data_without_header_is_fatal()
    {
        var ex = Fatal("a,48.8,2.3\nb,1,2\n");
        Assert.Contains("line 1: no header row", ex.Message);
    }

    [Theory]
    [InlineData("id,lat\na,1\n", "'lon'")]
    [InlineData("id,lon\na,1\n", "'lat'")]
    [InlineData("name,lat,lon\na,1,2\n", "'id'")]
    public void Missing_required_column_is_fatal(string text, string column)
    {
        var ex = Fatal(text);
        Assert.Contains("locations.csv line 1: missing required column " + column, ex.Message);
        Assert.Equal([1], ex.Lines);
    }

    [Fact]
    public void Two_columns_for_one_field_are_fatal()
    {
        Assert.Contains("columns 'lat' (column 2) and 'Latitude' (column 4) both give field 'lat'", Fatal("id,lat,lon,Latitude\na,1,2,3\n").Message);
    }

    [Fact]
    public void Duplicate_ids_are_fatal_ignoring_case()
    {
        var ex = Fatal("id,lat,lon\na,1,2\nb,1,2\nA,1,2\nb,3,4\n");
        Assert.Equal([4, 5], ex.Lines);
        Assert.Contains("2 row(s) repeat an id", ex.Message);
        Assert.Contains("line 4 field 'id' 'A' repeats line 2", ex.Message);
        Assert.Contains("line 5 field 'id' 'b' repeats line 3", ex.Message);
    }

    [Theory]
    [InlineData("../x", "contains '/'")]
    [InlineData("a/b", "contains '/'")]
    [InlineData("a b", "contains a space")]
    [InlineData("$(rm)", "contains '$'")]
    [InlineData("a\0b", "contains a NUL character")]
    [InlineData("..", "starts with '.'")]
    [InlineData(".hidden", "starts with '.'")]
    [InlineData("-rf", "starts with '-'")]
    [InlineData("a..b", "contains '..'")]
    [InlineData("a;b", "contains ';'")]
    [InlineData("a\\b", "contains '\\'")]
    public void Unsafe_id_rejects_the_whole_file(string id, string problem)
    {
        var quoted = "\"" + id.Replace("\"", "\"\"") + "\"";
        var ex = Fatal($"id,lat,lon\nok,1,2\n{quoted},1,2\n");
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Equal([3], ex.Lines);
        Assert.Contains("locations.csv: rejected: 1 row(s) have unsafe ids", ex.Message);
        Assert.Contains("line 3 field 'id'", ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.DoesNotContain("\0", ex.Message);
    }

    [Fact]
    public void Id_of_101_characters_is_unsafe_and_100_is_fine()
    {
        var ok = new string('a', 100);
        Assert.Equal(ok, Assert.Single(Parse($"id,lat,lon\n{ok},1,2\n").Rows).Id);
        var ex = Fatal($"id,lat,lon\n{new string('b', 101)},1,2\n");
        Assert.Contains("is 101 characters long (max 100)", ex.Message);
    }

    [Fact]
    public void Many_unsafe_ids_list_ten_lines()
    {
        var text = "id,lat,lon\n" + string.Concat(Enumerable.Range(0, 15).Select(i => $"bad/{i},1,2\n"));
        var ex = Fatal(text);
        Assert.Equal(Enumerable.Range(2, 10), ex.Lines);
        Assert.Contains("15 row(s) have unsafe ids", ex.Message);
        Assert.Contains("and 5 more", ex.Message);
        Assert.DoesNotContain("line 12 ", ex.Message);
    }

    [Fact]
    public void Unterminated_quote_is_fatal()
    {
        var ex = Fatal("id,lat,lon,description\na,1,2,ok\nb,1,2,\"never closed\nc,1,2,x\n");
        Assert.Contains("line 3: unterminated quoted field", ex.Message);
        Assert.Equal([3], ex.Lines);
    }

    [Fact]
    public void Text_after_closing_quote_is_fatal()
    {
        Assert.Contains("line 2: malformed quoted field", Fatal("id,lat,lon\n\"a\"b,1,2\n").Message);
    }

    [Fact]
    public void Reader_is_left_open()
    {
        var reader = new StringReader("id,lat,lon\na,1,2\n");
        LocationCsvParser.Parse(reader, File);
        Assert.Equal(-1, reader.Peek());
    }

    [Fact]
    public void Hundred_thousand_rows_parse()
    {
        var sb = new StringBuilder("id,lat,lon,start,end,tiles,description\n");
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"loc-{i},{(i % 160) - 80 + 0.5},{(i % 360) - 180 + 0.25},2024-01-01,2024-12-31,2x2,\"row {i}, generated\"\n");
        }

        var result = Parse(sb.ToString());

        Assert.Equal(100_000, result.Rows.Count);
        Assert.Empty(result.RowErrors);
        Assert.Equal("loc-99999", result.Rows[^1].Id);
        Assert.Equal(100_001, result.Rows[^1].Line);
        Assert.Equal("row 99999, generated", result.Rows[^1].Description);
    }

    [Theory]
    [InlineData("2024-05-31", 2024, 5, 31)]
    [InlineData("2024-05-31T00:00:00Z", 2024, 5, 31)]
    [InlineData("2024-05-31T23:59:59.999+02:00", 2024, 5, 31)]
    [InlineData("2024-05-31T23:00:00-02:00", 2024, 6, 1)]
    [InlineData("2024-05-31 10:00:00", 2024, 5, 31)]
    public void Dates_and_timestamps_give_the_utc_day(string text, int y, int m, int d)
    {
        Assert.True(LocationCsvParser.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("31/05/2024")]
    [InlineData("May 5 2024")]
    [InlineData("2024-5-31")]
    [InlineData("2024-02-30")]
    [InlineData("2024-05-31Tnoon")]
    public void Non_iso_dates_are_refused(string text) => Assert.False(LocationCsvParser.TryParseDate(text, out _));
}
