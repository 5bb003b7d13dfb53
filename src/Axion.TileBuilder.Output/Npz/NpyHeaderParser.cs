using System.Globalization;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>
/// Parses the Python dict literal of a <c>.npy</c> header (the subset numpy writes: string keys,
/// string / True / False / tuple-of-int values). Never evaluates anything.
/// </summary>
internal static class NpyHeaderParser
{
    /// <summary>The three keys numpy requires, parsed.</summary>
    public readonly record struct HeaderDict(string Descr, bool FortranOrder, IReadOnlyList<int> Shape);

    public static HeaderDict Parse(string text)
    {
        var cursor = new Cursor(text);
        string? descr = null;
        bool? fortran = null;
        IReadOnlyList<int>? shape = null;
        cursor.Expect('{');
        while (true)
        {
            cursor.SkipSpace();
            if (cursor.TryTake('}'))
            {
                break;
            }

            var key = cursor.ReadString();
            cursor.SkipSpace();
            cursor.Expect(':');
            cursor.SkipSpace();
            switch (key)
            {
                case "descr":
                    if (cursor.Peek is '[')
                    {
                        throw new NpyFormatException("Unsupported .npy array: structured dtypes (a list descr) are not supported.");
                    }

                    descr = cursor.ReadString();
                    break;
                case "fortran_order":
                    fortran = cursor.ReadBool();
                    break;
                case "shape":
                    shape = cursor.ReadIntTuple();
                    break;
                default:
                    throw new NpyFormatException($"Unexpected key '{key}' in the .npy header: {Quote(text)}.");
            }

            cursor.SkipSpace();
            if (cursor.TryTake(','))
            {
                continue;
            }

            cursor.SkipSpace();
            cursor.Expect('}');
            break;
        }

        cursor.SkipSpace();
        if (!cursor.AtEnd)
        {
            throw new NpyFormatException($"Unexpected text after the .npy header dict: {Quote(text)}.");
        }

        if (descr is null || fortran is null || shape is null)
        {
            throw new NpyFormatException($"The .npy header lacks 'descr', 'fortran_order' or 'shape': {Quote(text)}.");
        }

        return new HeaderDict(descr, fortran.Value, shape);
    }

    private static string Quote(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length > 200 ? trimmed[..200] + "..." : trimmed;
    }

    private sealed class Cursor(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public char? Peek => AtEnd ? null : text[_position];

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public bool TryTake(char c)
        {
            if (!AtEnd && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        public void Expect(char c)
        {
            SkipSpace();
            if (!TryTake(c))
            {
                throw Error($"expected '{c}'");
            }
        }

        public string ReadString()
        {
            if (AtEnd || (text[_position] != '\'' && text[_position] != '"'))
            {
                throw Error("expected a quoted string");
            }

            var quote = text[_position++];
            var start = _position;
            while (!AtEnd && text[_position] != quote)
            {
                if (text[_position] == '\\')
                {
                    throw Error("escape sequences are not supported in header strings");
                }

                _position++;
            }

            if (AtEnd)
            {
                throw Error("unterminated string");
            }

            return text[start.._position++];
        }

        public bool ReadBool()
        {
            if (TryWord("True"))
            {
                return true;
            }

            if (TryWord("False"))
            {
                return false;
            }

            throw Error("expected True or False");
        }

        public List<int> ReadIntTuple()
        {
            if (!TryTake('('))
            {
                throw Error("expected a shape tuple");
            }

            var values = new List<int>();
            while (true)
            {
                SkipSpace();
                if (TryTake(')'))
                {
                    return values;
                }

                var start = _position;
                while (!AtEnd && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                if (start == _position || !int.TryParse(text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    throw Error("expected a non-negative dimension that fits in 32 bits");
                }

                _ = TryTake('L');
                values.Add(value);
                SkipSpace();
                if (TryTake(','))
                {
                    continue;
                }

                SkipSpace();
                if (!TryTake(')'))
                {
                    throw Error("expected ',' or ')' in the shape");
                }

                return values;
            }
        }

        private bool TryWord(string word)
        {
            if (string.CompareOrdinal(text, _position, word, 0, word.Length) == 0)
            {
                _position += word.Length;
                return true;
            }

            return false;
        }

        private NpyFormatException Error(string what)
            => new($"Malformed .npy header at offset {_position}: {what}. Header: {Quote(text)}");
    }
}
