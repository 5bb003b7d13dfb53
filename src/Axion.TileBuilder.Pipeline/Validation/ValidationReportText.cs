using System.Globalization;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>The human-readable <c>validate</c> output: a summary line, then the listed violations, warnings and worst tiles.</summary>
public static class ValidationReportText
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(ValidationReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(Summary(report));
        WriteIssues(output, "violations", report.Violations, report.ViolationCount, report.ViolationsByCheck);
        WriteIssues(output, "warnings", report.Warnings, report.WarningCount, report.WarningsByCheck);
        if (report.LowestFiniteFraction.Count > 0)
        {
            output.WriteLine("lowest finite fraction:");
            foreach (var tile in report.LowestFiniteFraction)
            {
                output.WriteLine(string.Create(inv, $"  {tile.FiniteFraction,8:0.0000}  {tile.File}"));
            }
        }
    }

    /// <summary>One line: verdict, file counts, issue counts and what was cross-checked.</summary>
    public static string Summary(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdict = report.Passed ? "OK" : "FAILED";
        var sources = (report.JournalChecked ? "journal" : "no journal") + ", " + (report.IndexChecked ? "index" : "no index")
            + (report.BatchRunning ? ", batch running" : string.Empty);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{verdict}: {report.Directory}: {report.FilesChecked} file(s) checked, {report.FilesOk} ok, {report.FilesWithViolations} with violations; {report.ViolationCount} violation(s), {report.WarningCount} warning(s) ({sources})");
    }

    private static void WriteIssues(TextWriter output, string title, IReadOnlyList<ValidationIssue> listed, int total, IReadOnlyDictionary<string, int> byCheck)
    {
        if (total == 0)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        var counts = string.Join(", ", byCheck.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(inv, $"{p.Key} {p.Value}")));
        output.WriteLine(string.Create(inv, $"{title}: {total} ({counts})"));
        foreach (var issue in listed)
        {
            output.WriteLine($"  {issue.File}: {issue.Check}: {issue.Message}");
        }

        if (listed.Count < total)
        {
            output.WriteLine(string.Create(inv, $"  ... and {total - listed.Count} more (--max-listed 0 lists all)"));
        }
    }
}
