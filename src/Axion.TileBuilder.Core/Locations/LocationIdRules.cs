namespace Axion.TileBuilder.Locations;

/// <summary>
/// Rules for location ids. Ids name output files and folders, so anything that could escape a
/// folder or confuse a shell is refused: 1..100 characters of <c>[A-Za-z0-9._-]</c>, not starting
/// with <c>.</c> or <c>-</c>, no <c>..</c>.
/// </summary>
public static class LocationIdRules
{
    /// <summary>Longest id, characters.</summary>
    public const int MaxLength = 100;

    /// <summary>True when <paramref name="id"/> is safe; otherwise <paramref name="problem"/> says why.</summary>
    public static bool IsSafe(string id, out string problem)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        if (id.Length > MaxLength)
        {
            problem = $"is {id.Length} characters long (max {MaxLength})";
            return false;
        }

        foreach (var c in id)
        {
            if (!IsAllowed(c))
            {
                problem = $"contains {Describe(c)} (allowed: letters, digits, '.', '_', '-')";
                return false;
            }
        }

        if (id[0] is '.' or '-')
        {
            problem = $"starts with '{id[0]}'";
            return false;
        }

        if (id.Contains("..", StringComparison.Ordinal))
        {
            problem = "contains '..'";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>The id quoted for a message: control characters escaped, long ids shortened.</summary>
    public static string Quote(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var shown = id.Length > 40 ? string.Concat(id.AsSpan(0, 40), "...") : id;
        var sb = new System.Text.StringBuilder(shown.Length + 2);
        sb.Append('\'');
        foreach (var c in shown)
        {
            if (char.IsControl(c))
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('\'');
        return sb.ToString();
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static string Describe(char c) => c switch
    {
        '\0' => "a NUL character",
        ' ' => "a space",
        '/' => "'/'",
        '\\' => "'\\'",
        _ when char.IsControl(c) => FormattableString.Invariant($"control character U+{(int)c:X4}"),
        _ when c > 127 => FormattableString.Invariant($"non-ASCII character U+{(int)c:X4}"),
        _ => $"'{c}'",
    };
}
