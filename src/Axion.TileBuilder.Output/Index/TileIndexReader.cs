using System.Text;
using Axion.TileBuilder.Grid;
using nietras.SeparatedValues;

namespace Axion.TileBuilder.Output.Index;

/// <summary>Reads <c>index.csv</c> as <see cref="TileIndexWriter"/> writes it (columns found by header name).</summary>
public static class TileIndexReader
{
    private static readonly SepReaderOptions ReaderOptions = new(new Sep(','))
    {
        HasHeader = false,
        Unescape = true,
        DisableColCountCheck = true,
        CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
    };

    /// <summary>Reads every entry of <paramref name="path"/>; throws <see cref="TileIndexFormatException"/> naming the line and column of a bad value.</summary>
    public static IReadOnlyList<TileIndexEntry> ReadCsv(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ReadCsv(reader);
    }

    /// <summary>Reads every entry from <paramref name="reader"/>.</summary>
    public static IReadOnlyList<TileIndexEntry> ReadCsv(TextReader reader) => EnumerateCsv(reader).ToList();

    /// <summary>
    /// The entries of <paramref name="reader"/> one at a time (Sep, RFC 4180 quoting; CRLF or LF; blank lines skipped),
    /// so an index of any size is read with one row in memory. The header is checked before the first entry.
    /// </summary>
    public static IEnumerable<TileIndexEntry> EnumerateCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var csv = ReaderOptions.From(reader, leaveOpen: true);
        Dictionary<string, int>? columns = null;
        var headerCount = 0;
        foreach (var row in csv)
        {
            var line = row.LineNumberFrom;
            if (row.Span.Count('"') % 2 != 0)
            {
                throw new TileIndexFormatException($"index.csv: unterminated quoted field starting on line {line}.");
            }

            if (row.ColCount == 1 && row[0].Span.Length == 0)
            {
                continue;
            }

            var fields = new List<string>(row.ColCount);
            for (var i = 0; i < row.ColCount; i++)
            {
                fields.Add(row[i].ToString());
            }

            if (columns is null)
            {
                columns = Header(fields);
                headerCount = fields.Count;
                continue;
            }

            if (fields.Count != headerCount)
            {
                throw new TileIndexFormatException($"index.csv line {line}: {fields.Count} fields, but the header has {headerCount}.");
            }

            yield return new Row(line, fields, columns).ToEntry();
        }

        if (columns is null)
        {
            throw new TileIndexFormatException("index.csv is empty: it has no header row.");
        }
    }

    private static Dictionary<string, int> Header(List<string> header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            columns.TryAdd(header[i].Trim(), i);
        }

        var missing = TileIndexColumns.Csv.Where(c => !columns.ContainsKey(c) && !TileIndexColumns.Optional.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new TileIndexFormatException($"index.csv lacks the column(s) {string.Join(", ", missing)}.");
        }

        return columns;
    }

    private readonly struct Row(int line, List<string> fields, Dictionary<string, int> columns)
    {
        public TileIndexEntry ToEntry() => new(
            Text(TileIndexColumns.TileId),
            Text(TileIndexColumns.RowId),
            Parse(TileIndexColumns.TileRow, IndexValueFormat.ParseInteger),
            Parse(TileIndexColumns.TileCol, IndexValueFormat.ParseInteger),
            Text(TileIndexColumns.File),
            Parse(TileIndexColumns.Epsg, IndexValueFormat.ParseInteger),
            new UtmBounds(
                Parse(TileIndexColumns.MinX, IndexValueFormat.ParseNumber),
                Parse(TileIndexColumns.MinY, IndexValueFormat.ParseNumber),
                Parse(TileIndexColumns.MaxX, IndexValueFormat.ParseNumber),
                Parse(TileIndexColumns.MaxY, IndexValueFormat.ParseNumber)),
            Parse(TileIndexColumns.FootprintWkt, IndexValueFormat.ParseWkt),
            Text(TileIndexColumns.S2ItemId),
            Parse(TileIndexColumns.S2Datetime, IndexValueFormat.ParseDate),
            Optional(TileIndexColumns.S1ItemId, s => s),
            OptionalValue(TileIndexColumns.S1Datetime, IndexValueFormat.ParseDate),
            OptionalValue(TileIndexColumns.DeltaDays, IndexValueFormat.ParseNumber),
            Parse(TileIndexColumns.CloudFractionAoi, IndexValueFormat.ParseNumber),
            Parse(TileIndexColumns.ValidFraction, IndexValueFormat.ParseNumber),
            Text(TileIndexColumns.OffsetRule))
        {
            S2ItemIds = Ids(TileIndexColumns.S2ItemIds),
            S1ItemIds = Ids(TileIndexColumns.S1ItemIds),
            Timestep = Present(TileIndexColumns.Timestep) ? OptionalValue(TileIndexColumns.Timestep, IndexValueFormat.ParseInteger) : null,
            TimestepStart = Present(TileIndexColumns.TimestepStart) ? OptionalValue(TileIndexColumns.TimestepStart, IndexValueFormat.ParseDay) : null,
            TimestepEnd = Present(TileIndexColumns.TimestepEnd) ? OptionalValue(TileIndexColumns.TimestepEnd, IndexValueFormat.ParseDay) : null,
        };

        private bool Present(string column) => columns.ContainsKey(column);

        private string[]? Ids(string column) =>
            columns.TryGetValue(column, out var index) && fields[index].Length > 0 ? fields[index].Split(';') : null;

        private string Text(string column) => fields[columns[column]];

        private T Parse<T>(string column, Func<string, T> parse)
        {
            var text = Text(column);
            try
            {
                return parse(text);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                throw new TileIndexFormatException($"index.csv line {line}, column {column}: cannot read '{text}': {ex.Message}", ex);
            }
        }

        private T? Optional<T>(string column, Func<string, T> parse)
            where T : class
            => Text(column).Length == 0 ? null : Parse(column, parse);

        private T? OptionalValue<T>(string column, Func<string, T> parse)
            where T : struct
            => Text(column).Length == 0 ? null : Parse(column, parse);
    }
}
