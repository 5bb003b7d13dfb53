using System.Globalization;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>A STAC <c>datetime</c> filter: an instant, or an interval with optional open ends (<c>..</c>).</summary>
internal sealed record DatetimeInterval(DateTimeOffset? Start, DateTimeOffset? End)
{
    public bool Contains(DateTimeOffset time) =>
        (Start is null || time >= Start) && (End is null || time <= End);

    public static DatetimeInterval Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new StacRequestException("datetime must not be empty.");
        }

        var parts = trimmed.Split('/');
        if (parts.Length == 1)
        {
            var instant = ParseInstant(parts[0], text);
            return new DatetimeInterval(instant, instant);
        }

        if (parts.Length != 2)
        {
            throw new StacRequestException($"Invalid datetime '{text}': expected an instant or 'start/end'.");
        }

        var start = IsOpen(parts[0]) ? (DateTimeOffset?)null : ParseInstant(parts[0], text);
        var end = IsOpen(parts[1]) ? (DateTimeOffset?)null : ParseInstant(parts[1], text);
        if (start is null && end is null)
        {
            throw new StacRequestException($"Invalid datetime '{text}': both ends are open.");
        }

        if (start is not null && end is not null && start > end)
        {
            throw new StacRequestException($"Invalid datetime '{text}': start is after end.");
        }

        return new DatetimeInterval(start, end);
    }

    /// <summary>Lenient RFC 3339 parse (also accepts the space form <c>2025-03-11 04:42:49.673729+00:00</c>).</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static bool IsOpen(string part) => part.Length == 0 || part == "..";

    private static DateTimeOffset ParseInstant(string part, string whole) =>
        TryParseTimestamp(part, out var value)
            ? value
            : throw new StacRequestException($"Invalid datetime '{whole}': '{part}' is not an RFC 3339 timestamp.");
}
