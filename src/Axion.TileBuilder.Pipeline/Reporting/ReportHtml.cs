using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>
/// Renders a <see cref="BatchReport"/> as one self-contained HTML page: inline CSS, inline SVG
/// histograms, one small inline script, no external resource; quicklooks are referenced relatively
/// (<c>quicklooks/&lt;id&gt;.png</c>), so the page works offline next to the tiles. Everything taken
/// from data is HTML-escaped.
/// </summary>
/// <remarks>
/// The inline script sets <c>data-images-loaded</c> and <c>data-images-failed</c> on <c>&lt;body&gt;</c>
/// when the page has loaded (counts of <c>&lt;img&gt;</c> elements that did / did not decode), so a
/// headless browser can check that the quicklooks resolve.
/// </remarks>
public static class ReportHtml
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5em;color:#222;background:#fff}
        h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.4em 0 .5em;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
        th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .meta{color:#555;font-size:.9em}.kv th{width:14em}
        .state-done{color:#176b1d}.state-failed{color:#a31515}.state-pending,.state-running,.state-skipped{color:#7a5d00}
        .hists{display:flex;flex-wrap:wrap;gap:1em}.hists figure{margin:0}.hists figcaption{font-size:.85em;color:#333}
        .swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #888;vertical-align:middle;margin:0 .25em 0 .8em}
        img.ql{width:240px;height:auto;image-rendering:pixelated;border:1px solid #ccc}
        #location-table code{word-break:break-all;font-size:.85em}
        pre{background:#f7f7f7;padding:.6em;overflow:auto;font-size:.85em}.msg{max-width:30em;font-size:.85em;color:#555}
        """;

    /// <summary>The quicklook strip's rules, added only to the page of a batch of several timesteps.</summary>
    private const string StripStyle = """
        .strip{display:flex;gap:.4em}.strip figure{margin:0;width:170px;font-size:.8em;border:1px solid #ddd;padding:.2em}
        .strip figcaption{color:#333}.strip img.ql{width:168px}.strip .ts-missing{background:#fbf3e4}.strip .msg{max-width:none}
        """;

    private const string Script = """
        window.addEventListener('load', function () {
          var ok = 0, bad = 0;
          for (var i = 0; i < document.images.length; i++) {
            var im = document.images[i];
            if (im.complete && im.naturalWidth > 0) { ok++; } else { bad++; }
          }
          document.body.setAttribute('data-images-loaded', String(ok));
          document.body.setAttribute('data-images-failed', String(bad));
        });
        """;

    /// <summary>The page as a string.</summary>
    public static string Render(BatchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder(64 * 1024);
        var title = "axion-tiles report: " + report.OutDir;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
        sb.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n<style>\n").Append(Style)
            .Append(report.Locations.Any(l => l.Timesteps is not null) ? StripStyle : string.Empty).Append("</style>\n</head>\n");
        sb.Append("<body data-images-loaded=\"pending\">\n");
        sb.Append("<h1>axion-tiles batch report</h1>\n");
        sb.Append("<p class=\"meta\">").Append(HtmlText.Escape(report.OutDir)).Append(report.AsOfLastChange ? " &middot; as of the journals' last change " : " &middot; generated ")
            .Append(HtmlText.Escape(HtmlText.Timestamp(report.GeneratedAt))).Append("</p>\n");
        Summary(sb, report);
        Histograms(sb, report);
        Locations(sb, report);
        sb.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Summary(StringBuilder sb, BatchReport report)
    {
        var s = report.Summary;
        var run = report.Run;
        sb.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"kv\">\n");
        Kv(sb, "rows-total", "Rows", HtmlText.Int(s.RowsTotal));
        foreach (var state in Enum.GetValues<RowState>())
        {
            var name = state.ToString().ToLowerInvariant();
            Kv(sb, "rows-" + name, "&nbsp;&nbsp;" + name, HtmlText.Int(s.Count(state)));
        }

        Kv(sb, "retryable-failed", "Failed, retryable", HtmlText.Int(s.RetryableFailed));
        Kv(sb, "tiles-written", "Tiles written", HtmlText.Int(s.TilesWritten));
        Kv(sb, "tiles-rejected", "Tiles rejected", HtmlText.Int(s.TilesRejected));
        Kv(sb, "mb-read", "MB read", HtmlText.Megabytes(s.BytesRead));
        Kv(sb, "requests", "HTTP requests", HtmlText.Int(s.Requests));
        Kv(sb, "row-seconds", "Row time (sum over rows)", HtmlText.Escape(HtmlText.Duration(TimeSpan.FromSeconds(s.Seconds))));
        if (run is not null)
        {
            var wall = (run.UpdatedAt ?? run.CreatedAt) - run.CreatedAt;
            Kv(sb, "wall-time", "Wall time (start to last change)", HtmlText.Escape(HtmlText.Duration(wall)));
            Kv(sb, "catalog", "Catalog", HtmlText.Escape(run.Catalog));
            Kv(sb, "csv", "Locations CSV", HtmlText.Escape(run.CsvPath));
            Kv(sb, "csv-sha256", "CSV SHA-256", "<code>" + HtmlText.Escape(run.CsvSha256) + "</code>");
            Kv(sb, "tool-version", "axion-tiles version", HtmlText.Escape(run.ToolVersion));
            Kv(sb, "started", "Started", HtmlText.Escape(HtmlText.Timestamp(run.CreatedAt)));
            Kv(sb, "updated", "Last change", HtmlText.Escape(HtmlText.Timestamp(run.UpdatedAt)));
        }

        if (report.Timesteps is { } t)
        {
            Kv(sb, "timesteps", "Timesteps per row", string.Create(CultureInfo.InvariantCulture, $"{t.PerRow} ({t.Required} required)"));
            Kv(sb, "rows-missing-timesteps", "Done rows missing timesteps", HtmlText.Int(t.RowsMissingSome));
            Kv(sb, "timesteps-missing", "Timesteps missing", HtmlText.Int(t.Missing));
        }

        sb.Append("</table>\n");
        Counts(sb, "failures-by-reason", "Failures by reason", s.FailuresByReason.Select(p => (p.Key, (long)p.Value)));
        Counts(sb, "failures-by-kind", "Failures by kind", s.FailuresByKind.Select(p => (p.Key, (long)p.Value)));
        Counts(sb, "rejected-by-reason", "Rejected tiles by reason", s.RejectedByReason.Select(p => (p.Key, p.Value)));
        Counts(sb, "skips-by-reason", "Skipped rows by reason", s.SkipsByReason.Select(p => (p.Key, (long)p.Value)));
        Counts(sb, "missing-timesteps-by-reason", "Missing timesteps by reason", (report.Timesteps?.MissingByReason ?? new Dictionary<string, int>()).Select(p => (p.Key, (long)p.Value)));
        sb.Append("<details id=\"settings\"><summary>Settings (from the journal)</summary>\n<pre>")
            .Append(HtmlText.Escape(run is null ? "not recorded: the batch stopped before saving its settings" : PrettyJson(run.SettingsJson)))
            .Append("</pre></details>\n</section>\n");
    }

    private static void Histograms(StringBuilder sb, BatchReport report)
    {
        var o = report.Options;
        sb.Append("<section id=\"histograms\">\n<h2>Band value distributions</h2>\n<p class=\"meta\">")
            .Append(CultureInfo.InvariantCulture, $"Every {o.SampleStride}th pixel of {HtmlText.Int(report.TilesSampled)} of {HtmlText.Int(report.TilesListed)} tiles")
            .Append(CultureInfo.InvariantCulture, $" (at most {HtmlText.Int(o.MaxHistogramTiles)}, picked evenly), {o.Bins} bins per band over a fixed range; NaN (no data, masked) not binned.");
        if (report.TilesUnreadable > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $" <strong>{HtmlText.Int(report.TilesUnreadable)} tiles could not be read</strong> (missing or corrupt: run <code>axion-tiles validate</code>).");
        }

        sb.Append("</p>\n<div class=\"hists\">\n");
        foreach (var h in report.Histograms)
        {
            sb.Append("<figure>").Append(SvgHistogram.Render(h)).Append("<figcaption><strong>")
                .Append(HtmlText.Escape(h.Range.Label)).Append("</strong> <code>").Append(HtmlText.Escape(h.Range.Key)).Append("</code>, ")
                .Append(HtmlText.Escape(h.Range.Unit)).Append(": ")
                .Append(CultureInfo.InvariantCulture, $"{HtmlText.Int(h.Finite)} finite of {HtmlText.Int(h.Sampled)} samples")
                .Append(h.Mean is { } mean ? ", mean " + HtmlText.Fixed(mean, 4) : string.Empty)
                .Append("</figcaption></figure>\n");
        }

        sb.Append("</div>\n</section>\n");
    }

    private static void Locations(StringBuilder sb, BatchReport report)
    {
        sb.Append("<section id=\"locations\">\n<h2>Locations</h2>\n<p class=\"meta\">Quicklooks: left Sentinel-2 true colour (B04/B03/B02, reflectance 0-0.3, gamma 1/2.2) with")
            .Append(Swatch(QuicklookStyle.Cloud)).Append("cloud")
            .Append(Swatch(QuicklookStyle.Shadow)).Append("cloud shadow")
            .Append(Swatch(QuicklookStyle.NoData)).Append("no data; right Sentinel-1 (R = VV, G = VH, B = VV&minus;VH);")
            .Append(Swatch(QuicklookStyle.WrittenOutline)).Append("tile written")
            .Append(Swatch(QuicklookStyle.RejectedOutline)).Append("tile rejected (crossed).</p>\n");
        if (report.Timesteps is { } t)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\" id=\"strip-legend\">{t.PerRow} timesteps per row: a done row shows one cell per timestep, t0 the oldest part of its date window, ")
                .Append("with the quicklook, Sentinel-2 date and scene cloud cover of the timestep, or why it has no tiles.</p>\n");
        }

        sb.Append("<table id=\"location-table\">\n<thead><tr><th>id</th><th>line</th><th>state</th><th>quicklook</th><th>reason</th><th>Sentinel-2 item</th><th>S2 date</th>")
            .Append("<th>cloud %</th><th>Sentinel-1 item</th><th>S1 date</th><th>&Delta;t days</th><th>tiles</th><th>MB</th></tr></thead>\n<tbody>\n");
        foreach (var l in report.Locations)
        {
            var state = l.State.ToString().ToLowerInvariant();
            sb.Append("<tr data-row-id=\"").Append(HtmlText.Escape(l.RowId)).Append("\">");
            sb.Append("<td>").Append(HtmlText.Escape(l.RowId)).Append("</td>");
            sb.Append("<td class=\"n\">").Append(l.Line.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            sb.Append("<td class=\"state-").Append(state).Append("\">").Append(state).Append("</td>");
            sb.Append("<td>");
            if (l.Timesteps is { } steps)
            {
                Strip(sb, l.RowId, steps);
            }
            else if (l.Quicklook is { } q)
            {
                Image(sb, q, "quicklook of " + l.RowId);
            }

            sb.Append("</td>");
            sb.Append("<td>").Append(HtmlText.Escape(l.Reason));
            if (!string.IsNullOrEmpty(l.Message))
            {
                sb.Append("<div class=\"msg\">").Append(HtmlText.Escape(SecretRedactor.Redact(l.Message))).Append("</div>");
            }

            sb.Append("</td>");
            sb.Append("<td><code>").Append(HtmlText.Escape(l.S2Item)).Append("</code></td>");
            sb.Append("<td>").Append(HtmlText.Date(l.S2Datetime)).Append("</td>");
            sb.Append("<td class=\"n\">").Append(HtmlText.Fixed(l.S2CloudCover, 1)).Append("</td>");
            sb.Append("<td><code>").Append(HtmlText.Escape(l.S1Item)).Append("</code></td>");
            sb.Append("<td>").Append(HtmlText.Date(l.S1Datetime)).Append("</td>");
            sb.Append("<td class=\"n\">").Append(HtmlText.Fixed(l.DeltaDays, 1)).Append("</td>");
            sb.Append("<td class=\"n\">");
            if (l.State == RowState.Done)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{l.TilesWritten}");
                if (l.TilesRejected > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" (+{l.TilesRejected} rejected)");
                }
            }

            sb.Append("</td>");
            sb.Append("<td class=\"n\">").Append(l.State == RowState.Done ? HtmlText.Megabytes(l.BytesRead) : string.Empty).Append("</td>");
            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        if (report.LocationsOmitted > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\" id=\"omitted\">{HtmlText.Int(report.LocationsOmitted)} more locations not listed (raise <code>--max-rows</code>; <code>axion-tiles status</code> lists failures).</p>\n");
        }

        sb.Append("</section>\n");
    }

    /// <summary>
    /// A row's quicklook strip: one cell per timestep in k order with k and its window, then for a timestep with tiles its
    /// quicklook and Sentinel-2 date and cloud cover, for a missing one its reason and message.
    /// </summary>
    private static void Strip(StringBuilder sb, string rowId, IReadOnlyList<TimestepEntry> steps)
    {
        sb.Append("<div class=\"strip\">");
        foreach (var step in steps)
        {
            var k = step.Index.ToString(CultureInfo.InvariantCulture);
            sb.Append("<figure class=\"ts ts-").Append(step.IsDone ? "done" : "missing").Append("\" data-timestep=\"").Append(k)
                .Append("\" data-state=\"").Append(HtmlText.Escape(step.State)).Append("\"><figcaption><strong>t").Append(k).Append("</strong> ")
                .Append(HtmlText.Escape(step.Window)).Append("</figcaption>");
            if (step.IsDone)
            {
                if (step.Quicklook is { } q)
                {
                    Image(sb, q, $"quicklook of {rowId}, timestep {k}");
                }

                sb.Append("<div class=\"ts-s2\">S2 ").Append(HtmlText.Date(step.S2Datetime));
                if (step.S2CloudCover is { } cloud)
                {
                    sb.Append(", cloud ").Append(HtmlText.Fixed(cloud, 1)).Append(" %");
                }

                sb.Append(CultureInfo.InvariantCulture, $"; {step.TilesWritten} tiles</div>");
            }
            else
            {
                sb.Append("<div class=\"ts-reason\">").Append(HtmlText.Escape(step.Reason)).Append("</div>");
                if (!string.IsNullOrEmpty(step.Message))
                {
                    sb.Append("<div class=\"msg\">").Append(HtmlText.Escape(SecretRedactor.Redact(step.Message))).Append("</div>");
                }
            }

            sb.Append("</figure>");
        }

        sb.Append("</div>");
    }

    private static void Image(StringBuilder sb, string relativePath, string alt)
    {
        var url = HtmlText.Url(relativePath);
        sb.Append("<a href=\"").Append(url).Append("\"><img class=\"ql\" src=\"").Append(url)
            .Append("\" alt=\"").Append(HtmlText.Escape(alt)).Append("\"></a>");
    }

    private static void Kv(StringBuilder sb, string key, string label, string valueHtml) =>
        sb.Append("<tr><th>").Append(label).Append("</th><td class=\"n\" data-key=\"").Append(key).Append("\">").Append(valueHtml).Append("</td></tr>\n");

    private static void Counts(StringBuilder sb, string id, string title, IEnumerable<(string Key, long Count)> counts)
    {
        var list = counts.Where(c => c.Count > 0).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return;
        }

        sb.Append("<h3>").Append(title).Append("</h3>\n<table id=\"").Append(id).Append("\">\n");
        foreach (var (key, count) in list)
        {
            sb.Append("<tr><td>").Append(HtmlText.Escape(key)).Append("</td><td class=\"n\">").Append(HtmlText.Int(count)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static string Swatch(Rgb colour) =>
        "<span class=\"swatch\" style=\"background:" + colour + "\"></span>";

    /// <summary>Indented, and no \uXXXX escapes: the text is HTML-escaped afterwards.</summary>
    private static readonly JsonSerializerOptions PrettyOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string PrettyJson(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(PrettyOptions) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
