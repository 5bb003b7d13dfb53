using System.Globalization;

namespace Axion.TileBuilder.Locations;

public static partial class LocationCsvParser
{
    /// <summary>Largest <c>|latitude|</c> accepted, degrees: UTM (and the tile grid) is not defined beyond 84°.</summary>
    public const double MaxAbsLatitude = 84;

    /// <summary>Largest tile count per axis accepted in the <c>tiles</c> column.</summary>
    public const int MaxTilesPerAxis = 16;

    /// <summary>Parses a latitude; null and a problem text when it is unusable.</summary>
    internal static double? ParseLatitude(string text, out string problem)
    {
        if (!TryParseFinite(text, out var value, out problem))
        {
            return null;
        }

        if (value is < -90 or > 90)
        {
            problem = "is out of range (latitude must be -90..90 degrees)";
            return null;
        }

        if (Math.Abs(value) > MaxAbsLatitude)
        {
            problem = $"is beyond ±{MaxAbsLatitude} degrees, where UTM (and so the tile grid) is not defined";
            return null;
        }

        return value;
    }

    /// <summary>Parses a longitude; null and a problem text when it is unusable.</summary>
    internal static double? ParseLongitude(string text, out string problem)
    {
        if (!TryParseFinite(text, out var value, out problem))
        {
            return null;
        }

        if (value is < -180 or > 180)
        {
            problem = "is out of range (longitude must be -180..180 degrees)";
            return null;
        }

        return value;
    }

    /// <summary>
    /// Parses a date: <c>yyyy-MM-dd</c>, or an ISO 8601 timestamp (<c>yyyy-MM-ddTHH:mm:ss[.fff][Z|±hh:mm]</c>,
    /// no zone = UTC) whose UTC calendar day is taken.
    /// </summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (s.Length > 10 && s[10] is 'T' or 't' or ' '
            && DateOnly.TryParseExact(s.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp))
        {
            date = DateOnly.FromDateTime(stamp.UtcDateTime);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>
    /// Parses a tile layout: <c>NxM</c> (<c>x</c> or <c>X</c>, e.g. <c>2x2</c>, <c>3x2</c> = 3 across, 2 down)
    /// or a single <c>N</c> meaning <c>NxN</c>; each 1..<see cref="MaxTilesPerAxis"/>.
    /// </summary>
    public static bool TryParseTiles(string text, out int tilesX, out int tilesY)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().AsSpan();
        tilesX = tilesY = 0;
        var x = s.IndexOfAny('x', 'X');
        if (x < 0)
        {
            if (!TryParseCount(s, out tilesX))
            {
                return false;
            }

            tilesY = tilesX;
            return true;
        }

        return TryParseCount(s[..x], out tilesX) && TryParseCount(s[(x + 1)..], out tilesY);
    }

    private static bool TryParseCount(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 2)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value is >= 1 and <= MaxTilesPerAxis;
    }

    private static bool TryParseFinite(string text, out double value, out string problem)
    {
        if (text.Length == 0)
        {
            value = 0;
            problem = "is empty";
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            problem = "is not a number";
            return false;
        }

        if (!double.IsFinite(value))
        {
            problem = "is not a finite number";
            return false;
        }

        problem = string.Empty;
        return true;
    }
}
