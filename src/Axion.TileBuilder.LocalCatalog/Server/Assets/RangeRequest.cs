using System.Globalization;

namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>
/// A parsed <c>Range</c> header (RFC 9110 §14): <c>bytes=a-b</c>, <c>a-</c>, <c>-n</c>, comma-separated.
/// A header that is absent, not <c>bytes</c>, or malformed is ignored (full 200 response); one whose
/// ranges all start beyond the end is unsatisfiable (416). Ranges are kept in request order, not merged.
/// </summary>
internal sealed record RangeRequest(IReadOnlyList<ByteRange> Ranges, bool Unsatisfiable)
{
    /// <summary>At most this many ranges per request; more is treated as malformed (ignored).</summary>
    public const int MaxRanges = 256;

    public static RangeRequest? Parse(string? header, long length)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.Trim();
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var specs = text[6..].Split(',', StringSplitOptions.TrimEntries);
        if (specs.Length == 0 || specs.Length > MaxRanges)
        {
            return null;
        }

        var ranges = new List<ByteRange>(specs.Length);
        foreach (var spec in specs)
        {
            var dash = spec.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                return null;
            }

            var left = spec[..dash].Trim();
            var right = spec[(dash + 1)..].Trim();
            if (left.Length == 0)
            {
                // Suffix: the last n bytes.
                if (!TryParse(right, out var suffix))
                {
                    return null;
                }

                if (suffix > 0 && length > 0)
                {
                    ranges.Add(new ByteRange(Math.Max(0, length - suffix), length - 1));
                }

                continue;
            }

            if (!TryParse(left, out var first))
            {
                return null;
            }

            long last;
            if (right.Length == 0)
            {
                last = length - 1;
            }
            else if (!TryParse(right, out last) || last < first)
            {
                return null;
            }

            if (first < length)
            {
                ranges.Add(new ByteRange(first, Math.Min(last, length - 1)));
            }
        }

        return new RangeRequest(ranges, ranges.Count == 0);
    }

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
