using System.Globalization;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Reporting;

namespace Axion.TileBuilder.Cli.Commands.Status;

/// <summary>The text form of a <see cref="BatchStatus"/>: a block of lines for a person.</summary>
internal static class BatchStatusText
{
    /// <summary>The block's lines, without line ends.</summary>
    public static IReadOnlyList<string> Lines(BatchStatus status)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = status.Summary;
        var lines = new List<string>
        {
            status.Run is { } run
                ? $"batch: {status.OutDir}  (catalog {run.Catalog}, csv {run.CsvPath})"
                : $"batch: {status.OutDir}  (no run recorded yet)",
            Build(status),
            string.Create(inv, $"rows: {status.Finished} of {s.RowsTotal} finished ({Percent(status.Finished, s.RowsTotal)}): {s.Count(RowState.Done)} done, {s.Count(RowState.Failed)} failed ({s.RetryableFailed} retryable), {s.Count(RowState.Skipped)} skipped; {s.Count(RowState.Pending)} pending, {s.Count(RowState.Running)} {(status.BuildRunning ? "running" : "interrupted")}"),
            string.Create(inv, $"tiles: {s.TilesWritten} written, {s.TilesRejected} rejected"),
            string.Create(inv, $"read: {s.BytesRead / 1e6:F1} MB in {s.Requests} requests; row time {s.Seconds:F1} s"),
        };
        if (status.Timesteps is { } timesteps)
        {
            lines.Add(Timesteps(timesteps));
        }

        foreach (var (reason, count) in s.FailuresByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            lines.Add(string.Create(inv, $"  {count,5} x {reason}"));
        }

        foreach (var row in status.FailedRows)
        {
            lines.Add(string.Create(inv, $"  line {row.Line} {row.RowId}: {row.Reason}: {row.Message}"));
        }

        return lines;
    }

    private static string Build(BatchStatus status)
    {
        var state = status.BuildRunning ? "running (the out dir is locked by a build or resume)" : "not running";
        if (status.UpdatedAt is not { } updated)
        {
            return "build: " + state;
        }

        var ago = status.ReadAt - updated;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"build: {state}; last update {updated.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Ago(ago)} ago)");
    }

    /// <summary>E.g. <c>timesteps: 4 per row (3 required); done rows missing some: 12 (37 timesteps missing: no_clear_scene 30, no_s1_pair 7)</c>.</summary>
    private static string Timesteps(TimestepCounts t)
    {
        var inv = CultureInfo.InvariantCulture;
        var line = string.Create(inv, $"timesteps: {t.PerRow} per row ({t.Required} required); done rows missing some: {t.RowsMissingSome}");
        if (t.Missing == 0)
        {
            return line;
        }

        var reasons = string.Join(", ", t.ReasonsByCount().Select(p => string.Create(inv, $"{p.Key} {p.Value}")));
        return line + string.Create(inv, $" ({t.Missing} timesteps missing: {reasons})");
    }

    private static string Percent(int part, int total) =>
        total == 0 ? "0 %" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / total:F1} %");

    /// <summary>A duration as people say it: <c>42 s</c>, <c>7 min</c>, <c>3.5 h</c>, <c>2.0 days</c>.</summary>
    internal static string Ago(TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var span = elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
        return span.TotalSeconds < 120 ? string.Create(inv, $"{span.TotalSeconds:F0} s")
            : span.TotalMinutes < 120 ? string.Create(inv, $"{span.TotalMinutes:F0} min")
            : span.TotalHours < 48 ? string.Create(inv, $"{span.TotalHours:F1} h")
            : string.Create(inv, $"{span.TotalDays:F1} days");
    }
}
