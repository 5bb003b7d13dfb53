using System.Globalization;
using System.Text;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>HTML escaping and number formatting for the report (invariant culture).</summary>
internal static class HtmlText
{
    /// <summary>Escapes <c>&amp; &lt; &gt; " '</c> so the text is safe in element content and quoted attributes; null gives "".</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>A relative URL path with each segment percent-encoded, then HTML-escaped.</summary>
    public static string Url(string relativePath) =>
        Escape(string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString)));

    public static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Fixed(double? value, int decimals) => value is { } v ? Fixed(v, decimals) : string.Empty;

    public static string Megabytes(long bytes) => Fixed(bytes / 1e6, 1);

    public static string Date(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Timestamp(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:D2} min")
        : span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:D2} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:F1} s");
}
