using System.Globalization;

namespace Axion.TileBuilder.Radiometry;

/// <summary>
/// A Sentinel-2 processing baseline such as <c>04.00</c> or <c>05.11</c>, compared numerically
/// (major, then minor): <c>02.12</c> &lt; <c>04.00</c> &lt; <c>05.11</c>.
/// </summary>
public readonly record struct ProcessingBaseline(int Major, int Minor) : IComparable<ProcessingBaseline>
{
    /// <summary>Baseline 04.00 (from 2022-01-25): from here on L2A DNs carry <c>BOA_ADD_OFFSET = -1000</c>.</summary>
    public static ProcessingBaseline BoaOffsetIntroduced { get; } = new(4, 0);

    /// <summary>True when DNs of this baseline carry the -1000 offset (baseline &gt;= 04.00).</summary>
    public bool HasBoaOffset => CompareTo(BoaOffsetIntroduced) >= 0;

    public static bool operator <(ProcessingBaseline left, ProcessingBaseline right) => left.CompareTo(right) < 0;

    public static bool operator >(ProcessingBaseline left, ProcessingBaseline right) => left.CompareTo(right) > 0;

    public static bool operator <=(ProcessingBaseline left, ProcessingBaseline right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ProcessingBaseline left, ProcessingBaseline right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Parses <c>04.00</c>, <c>4.0</c>, <c>05.11</c>, or the product-name forms <c>N0511</c> / <c>0511</c>.
    /// </summary>
    public static bool TryParse(string? text, out ProcessingBaseline baseline)
    {
        baseline = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().AsSpan();
        if (s.Length > 0 && s[0] is 'N' or 'n')
        {
            s = s[1..];
        }

        int major, minor;
        var dot = s.IndexOf('.');
        if (dot >= 0)
        {
            if (!TryParseDigits(s[..dot], out major) || !TryParseDigits(s[(dot + 1)..], out minor))
            {
                return false;
            }
        }
        else if (s.Length == 4 && TryParseDigits(s[..2], out major) && TryParseDigits(s[2..], out minor))
        {
            // "0511": two digits each.
        }
        else
        {
            return false;
        }

        baseline = new ProcessingBaseline(major, minor);
        return true;
    }

    public int CompareTo(ProcessingBaseline other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major:00}.{Minor:00}");

    private static bool TryParseDigits(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && s.Length is >= 1 and <= 3;
}
