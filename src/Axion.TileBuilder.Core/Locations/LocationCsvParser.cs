using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Axion.TileBuilder.Locations;

/// <summary>
/// Reads the locations CSV. Pure: the caller opens the file and decodes it (UTF-8, with or without
/// BOM; decode with <c>new UTF8Encoding(false, throwOnInvalidBytes: true)</c> so invalid bytes are
/// reported by the caller instead of turning into U+FFFD here).
/// </summary>
/// <remarks>
/// <para>Format: comma separated, a header row (line 1), LF or CRLF, RFC 4180 quotes (a field in
/// <c>"..."</c> may hold commas and line breaks; <c>""</c> is a literal quote). Spaces around fields
/// are trimmed. Blank lines are skipped.</para>
/// <para>Columns (names compared ignoring case): <c>id</c> (required), <c>lat</c>/<c>latitude</c>
/// (required), <c>lon</c>/<c>lng</c>/<c>longitude</c> (required), <c>start</c>, <c>end</c>
/// (<c>yyyy-MM-dd</c> or ISO 8601 timestamps, whose UTC day is taken), <c>tiles</c> (<c>NxM</c>,
/// 1..16 each) and <c>description</c> (kept as is). Other columns are ignored with one warning.</para>
/// <para>The whole file is rejected (<see cref="LocationCsvException"/>) when it is empty, has no
/// header or no rows, lacks a required column, has an unterminated quote, or any row has an unsafe
/// id (see <see cref="LocationIdRules"/>) or an id already used on an earlier row (ignoring case,
/// since ids name files). Other bad rows are returned in <see cref="LocationParseResult.RowErrors"/>.</para>
/// </remarks>
public static partial class LocationCsvParser
{
    private const int MaxListedLines = 10;

    private static readonly SepReaderOptions ReaderOptions = new(new Sep(','))
    {
        HasHeader = false,
        DisableColCountCheck = true,
        CultureInfo = CultureInfo.InvariantCulture,
    };

    /// <summary>Parses the CSV text read from <paramref name="reader"/> (not disposed).</summary>
    /// <param name="reader">The decoded text.</param>
    /// <param name="sourceName">The file name to quote in messages, e.g. <c>locations.csv</c>.</param>
    /// <exception cref="LocationCsvException">The file is rejected as a whole.</exception>
    public static LocationParseResult Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);

        var state = new ParseState(sourceName);
        try
        {
            ReadRows(reader, sourceName, state);
        }
        catch (Exception ex) when (ex is not LocationCsvException and not IOException and not DecoderFallbackException and not OutOfMemoryException)
        {
            // Sep's own format errors; decoding and I/O errors stay the caller's to report.
            throw new LocationCsvException($"{sourceName}: cannot be read as CSV: {ex.Message}", ex);
        }

        return state.Finish();
    }

    private static void ReadRows(TextReader reader, string sourceName, ParseState state)
    {
        using (var csv = ReaderOptions.From(reader, leaveOpen: true))
        {
            foreach (var row in csv)
            {
                var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
                CheckQuotes(row.Span, line, sourceName);
                var fields = ReadFields(row, line, sourceName);
                if (state.Columns is null)
                {
                    if (IsBlank(fields))
                    {
                        throw new LocationCsvException(
                            $"{sourceName} line 1: the first line is blank; it must be the header row naming the columns, e.g. 'id,lat,lon'.",
                            sourceName,
                            [1]);
                    }

                    state.Columns = MapHeader(fields, sourceName);
                    continue;
                }

                if (IsBlank(fields))
                {
                    continue;
                }

                ParseRow(state, state.Columns, fields, line);
            }
        }
    }

    private static void ParseRow(ParseState state, LocationColumns columns, string[] fields, int line)
    {
        var problems = new List<(string Field, string Text)>();
        var id = columns.Id < fields.Length ? fields[columns.Id] : string.Empty;
        var idUsable = false;
        if (id.Length == 0)
        {
            problems.Add(("id", $"field '{columns.NameOf(columns.Id)}' is empty"));
        }
        else if (!LocationIdRules.IsSafe(id, out var idProblem))
        {
            state.AddUnsafe(line, $"line {line} field '{columns.NameOf(columns.Id)}' {LocationIdRules.Quote(id)} {idProblem}");
        }
        else
        {
            idUsable = true;
            state.CheckDuplicate(id, line, columns.NameOf(columns.Id));
        }

        if (fields.Length != columns.ColumnCount)
        {
            problems.Add(("row", $"has {fields.Length} field(s) but the header has {columns.ColumnCount} (quote fields that contain commas)"));
            state.AddError(line, idUsable ? id : null, problems);
            return;
        }

        var lat = ParseLatitude(fields[columns.Latitude], out var latProblem);
        if (lat is null)
        {
            problems.Add(("lat", FieldProblem(columns, columns.Latitude, fields, latProblem)));
        }

        var lon = ParseLongitude(fields[columns.Longitude], out var lonProblem);
        if (lon is null)
        {
            problems.Add(("lon", FieldProblem(columns, columns.Longitude, fields, lonProblem)));
        }

        var start = ParseOptionalDate(columns, columns.Start, fields, "start", problems);
        var end = ParseOptionalDate(columns, columns.End, fields, "end", problems);
        if (start is { } s && end is { } e && s > e)
        {
            problems.Add(("start", FormattableString.Invariant(
                $"fields '{columns.NameOf(columns.Start)}'/'{columns.NameOf(columns.End)}': start {s:yyyy-MM-dd} is after end {e:yyyy-MM-dd}")));
            problems.Add(("end", string.Empty));
        }

        int? tilesX = null;
        int? tilesY = null;
        if (columns.Tiles != LocationColumns.Missing && fields[columns.Tiles].Length > 0)
        {
            if (TryParseTiles(fields[columns.Tiles], out var tx, out var ty))
            {
                tilesX = tx;
                tilesY = ty;
            }
            else
            {
                problems.Add(("tiles", FieldProblem(
                    columns,
                    columns.Tiles,
                    fields,
                    $"is not a tile layout: use NxM (tiles across x down) with N and M in 1..{MaxTilesPerAxis}, e.g. 2x2 or 3x3")));
            }
        }

        if (problems.Count > 0)
        {
            state.AddError(line, idUsable ? id : null, problems);
            return;
        }

        string? description = null;
        if (columns.Description != LocationColumns.Missing && fields[columns.Description].Length > 0)
        {
            description = fields[columns.Description];
        }

        state.Rows.Add(new LocationRow(id, line, lat!.Value, lon!.Value, start, end, tilesX, tilesY, description));
    }

    private static DateOnly? ParseOptionalDate(LocationColumns columns, int index, string[] fields, string canonical, List<(string Field, string Text)> problems)
    {
        if (index == LocationColumns.Missing || fields[index].Length == 0)
        {
            return null;
        }

        if (TryParseDate(fields[index], out var date))
        {
            return date;
        }

        problems.Add((canonical, FieldProblem(columns, index, fields, "is not a date: use yyyy-MM-dd (e.g. 2024-05-31) or an ISO 8601 timestamp")));
        return null;
    }

    private static string FieldProblem(LocationColumns columns, int index, string[] fields, string problem) =>
        $"field '{columns.NameOf(index)}' value {LocationIdRules.Quote(fields[index])} {problem}";

    private static string[] ReadFields(SepReader.Row row, int line, string sourceName)
    {
        var fields = new string[row.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = Unquote(row[i].Span, line, sourceName);
        }

        return fields;
    }

    private static bool IsBlank(string[] fields)
    {
        foreach (var f in fields)
        {
            if (f.Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims spaces and removes RFC 4180 quoting (<c>"a ""b"""</c> -> <c>a "b"</c>).</summary>
    private static string Unquote(ReadOnlySpan<char> raw, int line, string sourceName)
    {
        var s = raw.Trim();
        if (s.IsEmpty || s[0] != '"')
        {
            return s.ToString();
        }

        if (s.Length < 2 || s[^1] != '"')
        {
            throw new LocationCsvException(
                $"{sourceName} line {line}: malformed quoted field {LocationIdRules.Quote(s.ToString())}: text follows the closing quote.",
                sourceName,
                [line]);
        }

        return s[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal).Trim();
    }

    /// <summary>An odd number of quotes means a quoted field never closes: the rest of the file would be one field.</summary>
    private static void CheckQuotes(ReadOnlySpan<char> rawRow, int line, string sourceName)
    {
        if (rawRow.Count('"') % 2 != 0)
        {
            throw new LocationCsvException(
                $"{sourceName} line {line}: unterminated quoted field (a '\"' opens a field that never closes, so the rest of the file would be read as one field).",
                sourceName,
                [line]);
        }
    }

    /// <summary>Mutable bookkeeping for one parse.</summary>
    private sealed class ParseState(string sourceName)
    {
        private readonly Dictionary<string, int> _firstLineById = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<(int Line, string Text)> _unsafe = [];
        private readonly List<(int Line, string Text)> _duplicates = [];
        private readonly List<(int Line, string? Id, List<(string Field, string Text)> Problems)> _errors = [];

        public LocationColumns? Columns { get; set; }

        public List<LocationRow> Rows { get; } = [];

        public void AddUnsafe(int line, string text) => _unsafe.Add((line, text));

        public void CheckDuplicate(string id, int line, string columnName)
        {
            if (_firstLineById.TryGetValue(id, out var first))
            {
                _duplicates.Add((line, $"line {line} field '{columnName}' {LocationIdRules.Quote(id)} repeats line {first}"));
            }
            else
            {
                _firstLineById.Add(id, line);
            }
        }

        public void AddError(int line, string? id, List<(string Field, string Text)> problems) => _errors.Add((line, id, problems));

        public LocationParseResult Finish()
        {
            if (Columns is null)
            {
                throw new LocationCsvException(
                    $"{sourceName} is empty: expected a header row (e.g. 'id,lat,lon') and at least one row.",
                    sourceName,
                    []);
            }

            if (_unsafe.Count > 0 || _duplicates.Count > 0)
            {
                ThrowIdProblems();
            }

            if (Rows.Count == 0 && _errors.Count == 0)
            {
                throw new LocationCsvException(
                    $"{sourceName}: no rows: the file has a header (line 1) but no locations.",
                    sourceName,
                    [1]);
            }

            var errors = new List<LocationRowError>(_errors.Count);
            foreach (var (line, id, problems) in _errors)
            {
                var fields = problems.Select(p => p.Field).Distinct(StringComparer.Ordinal).ToArray();
                var message = $"{sourceName} line {line}: " + string.Join("; ", problems.Where(p => p.Text.Length > 0).Select(p => p.Text)) + ".";
                var rowId = id ?? SyntheticId(line);
                errors.Add(new LocationRowError(rowId, line, fields, message, id is null));
            }

            var warnings = new List<string>();
            if (Columns.Ignored.Count > 0)
            {
                const int MaxNamed = 20;
                var named = string.Join(", ", Columns.Ignored.Take(MaxNamed));
                if (Columns.Ignored.Count > MaxNamed)
                {
                    named += $" and {Columns.Ignored.Count - MaxNamed} more";
                }

                warnings.Add(
                    $"{sourceName} line 1: ignoring {Columns.Ignored.Count} unknown column(s): {named} " +
                    "(known: id, lat|latitude, lon|lng|longitude, start, end, tiles, description).");
            }

            return new LocationParseResult(sourceName, Rows, errors, warnings);
        }

        /// <summary><c>line-17</c>, suffixed <c>-2</c>, <c>-3</c>... if a real id already reads <c>line-17</c>.</summary>
        private string SyntheticId(int line)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"line-{line}");
            var candidate = id;
            for (var n = 2; _firstLineById.ContainsKey(candidate); n++)
            {
                candidate = string.Create(CultureInfo.InvariantCulture, $"{id}-{n}");
            }

            _firstLineById.Add(candidate, line);
            return candidate;
        }

        private void ThrowIdProblems()
        {
            var parts = new List<string>();
            var lines = new SortedSet<int>();
            if (_unsafe.Count > 0)
            {
                parts.Add(
                    $"{_unsafe.Count} row(s) have unsafe ids (ids name output files: 1..{LocationIdRules.MaxLength} characters of A-Z a-z 0-9 . _ -, " +
                    $"not starting with '.' or '-', no '..'): {List(_unsafe, lines)}");
            }

            if (_duplicates.Count > 0)
            {
                parts.Add($"{_duplicates.Count} row(s) repeat an id (compared ignoring case, since ids name files): {List(_duplicates, lines)}");
            }

            throw new LocationCsvException($"{sourceName}: rejected: " + string.Join("; and ", parts) + ".", sourceName, lines.ToArray());
        }

        private static string List(List<(int Line, string Text)> items, SortedSet<int> lines)
        {
            foreach (var item in items.Take(MaxListedLines))
            {
                lines.Add(item.Line);
            }

            var listed = string.Join("; ", items.Take(MaxListedLines).Select(i => i.Text));
            return items.Count > MaxListedLines ? $"{listed}; and {items.Count - MaxListedLines} more" : listed;
        }
    }
}
