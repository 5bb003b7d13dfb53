using System.Globalization;
using System.Text.RegularExpressions;

namespace Axion.TileBuilder.Stac.Internals;

/// <summary>
/// Lenient RFC 3339 parsing for catalog datetimes: accepts a space instead of <c>T</c>
/// (Planetary Computer: <c>2025-03-11 04:42:49.673729+00:00</c>), lower-case <c>t</c>/<c>z</c>,
/// more than 7 fractional digits (truncated) and a missing offset (taken as UTC).
/// </summary>
internal static partial class StacDateParser
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim();
        var match = LongFraction().Match(s);
        if (match.Success)
        {
            s = string.Concat(s.AsSpan(0, match.Index + 8), s.AsSpan(match.Index + match.Length));
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value)
            ? value.ToUniversalTime()
            : null;
    }

    // A '.' followed by more than 7 digits: .NET parses at most 7.
    [GeneratedRegex(@"\.\d{8,}")]
    private static partial Regex LongFraction();
}
