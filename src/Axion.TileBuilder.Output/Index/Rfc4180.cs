using System.Text;

namespace Axion.TileBuilder.Output.Index;

/// <summary>RFC 4180 CSV: quoting for writing and a record reader (quoted fields may hold commas, quotes, line breaks).</summary>
internal static class Rfc4180
{
    /// <summary>The field as written: quoted (inner quotes doubled) when it holds a comma, quote, CR or LF, or edge spaces.</summary>
    public static string Field(string value)
    {
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Reads records; yields (1-based line number where the record starts, fields). Blank lines are skipped.</summary>
    public static IEnumerable<(int Line, List<string> Fields)> Read(TextReader reader)
    {
        var line = 1;
        while (true)
        {
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var inQuotes = false;
            var quotedField = false;
            var any = false;
            int c;
            while (true)
            {
                c = reader.Read();
                if (c == -1)
                {
                    if (inQuotes)
                    {
                        throw new TileIndexFormatException($"index.csv: unterminated quoted field starting on line {startLine}.");
                    }

                    break;
                }

                any = true;
                var ch = (char)c;
                if (inQuotes)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            inQuotes = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            line++;
                        }

                        field.Append(ch);
                    }

                    continue;
                }

                if (ch == '"' && field.Length == 0 && !quotedField)
                {
                    inQuotes = true;
                    quotedField = true;
                }
                else if (ch == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    quotedField = false;
                }
                else if (ch == '\r' && reader.Peek() == '\n')
                {
                    // The LF ends the record.
                }
                else if (ch == '\n' || ch == '\r')
                {
                    line++;
                    break;
                }
                else if (quotedField)
                {
                    throw new TileIndexFormatException($"index.csv line {line}: text after a closing quote.");
                }
                else
                {
                    field.Append(ch);
                }
            }

            if (!any)
            {
                yield break;
            }

            fields.Add(field.ToString());
            if (!(fields.Count == 1 && fields[0].Length == 0 && !quotedField))
            {
                yield return (startLine, fields);
            }

            if (c == -1)
            {
                yield break;
            }
        }
    }
}
