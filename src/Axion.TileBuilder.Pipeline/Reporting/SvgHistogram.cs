using System.Globalization;
using System.Text;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>One band histogram as an inline SVG bar chart (linear counts, range labels under the axis).</summary>
internal static class SvgHistogram
{
    private const int Width = 340;
    private const int Height = 150;
    private const int Left = 10;
    private const int Right = 330;
    private const int Top = 8;
    private const int Bottom = 118;

    public static string Render(BandHistogram h)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var label = HtmlText.Escape($"{h.Range.Label} ({h.Range.Key}) histogram, {h.Range.Min.ToString(inv)} to {h.Range.Max.ToString(inv)} {h.Range.Unit}");
        sb.Append(inv, $"<svg class=\"hist\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{label}\" data-band=\"{HtmlText.Escape(h.Range.Key)}\">");
        sb.Append(inv, $"<title>{label}</title>");
        sb.Append(inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Right - Left}\" height=\"{Bottom - Top}\" fill=\"#f7f7f7\" stroke=\"#ccc\"/>");
        var max = h.Bins.Count == 0 ? 0 : h.Bins.Max();
        var barWidth = (double)(Right - Left) / Math.Max(1, h.Bins.Count);
        for (var i = 0; i < h.Bins.Count; i++)
        {
            if (h.Bins[i] == 0 || max == 0)
            {
                continue;
            }

            var height = (double)h.Bins[i] / max * (Bottom - Top);
            var x = Left + (i * barWidth);
            var lo = h.Range.Min + ((h.Range.Max - h.Range.Min) * i / h.Bins.Count);
            var hi = h.Range.Min + ((h.Range.Max - h.Range.Min) * (i + 1) / h.Bins.Count);
            sb.Append(inv, $"<rect x=\"{x:F2}\" y=\"{Bottom - height:F2}\" width=\"{Math.Max(0.5, barWidth - 0.6):F2}\" height=\"{height:F2}\" fill=\"#3a6ea5\">");
            sb.Append(inv, $"<title>{lo:G4} .. {hi:G4} {HtmlText.Escape(h.Range.Unit)}: {h.Bins[i]}</title></rect>");
        }

        sb.Append(inv, $"<text x=\"{Left}\" y=\"{Bottom + 14}\" font-size=\"11\" fill=\"#333\">{h.Range.Min.ToString("G4", inv)}</text>");
        sb.Append(inv, $"<text x=\"{Right}\" y=\"{Bottom + 14}\" font-size=\"11\" fill=\"#333\" text-anchor=\"end\">{h.Range.Max.ToString("G4", inv)}</text>");
        sb.Append(inv, $"<text x=\"{(Left + Right) / 2}\" y=\"{Bottom + 14}\" font-size=\"11\" fill=\"#333\" text-anchor=\"middle\">{HtmlText.Escape(h.Range.Unit)}</text>");
        sb.Append(inv, $"<text x=\"{Left}\" y=\"{Bottom + 28}\" font-size=\"10\" fill=\"#555\">max bin {HtmlText.Int(max)}; below {HtmlText.Int(h.Below)}, above {HtmlText.Int(h.Above)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
