using System.Text;
using System.Text.Json;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>
/// The <c>validate --json</c> document. Field names are stable (snake_case): <c>directory</c>,
/// <c>passed</c>, <c>files_checked</c>, <c>files_ok</c>, <c>files_with_violations</c>,
/// <c>files_with_warnings</c>, <c>violation_count</c>, <c>warning_count</c>,
/// <c>violations_by_check</c>, <c>warnings_by_check</c>, <c>violations</c> and <c>warnings</c>
/// (lists of <c>{file, check, message}</c>, possibly cut: compare their length with the counts),
/// <c>lowest_finite_fraction</c> (<c>{file, finite_fraction}</c>), <c>min_valid</c>,
/// <c>journal_checked</c>, <c>index_checked</c>, <c>batch_running</c>.
/// </summary>
public static class ValidationReportJson
{
    /// <summary>The report as an indented JSON document.</summary>
    public static string Write(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("directory", report.Directory);
            w.WriteBoolean("passed", report.Passed);
            w.WriteNumber("files_checked", report.FilesChecked);
            w.WriteNumber("files_ok", report.FilesOk);
            w.WriteNumber("files_with_violations", report.FilesWithViolations);
            w.WriteNumber("files_with_warnings", report.FilesWithWarnings);
            w.WriteNumber("violation_count", report.ViolationCount);
            w.WriteNumber("warning_count", report.WarningCount);
            WriteCounts(w, "violations_by_check", report.ViolationsByCheck);
            WriteCounts(w, "warnings_by_check", report.WarningsByCheck);
            WriteIssues(w, "violations", report.Violations);
            WriteIssues(w, "warnings", report.Warnings);
            w.WriteStartArray("lowest_finite_fraction");
            foreach (var tile in report.LowestFiniteFraction)
            {
                w.WriteStartObject();
                w.WriteString("file", tile.File);
                w.WriteNumber("finite_fraction", Math.Round(tile.FiniteFraction, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("min_valid", report.MinValid);
            w.WriteBoolean("journal_checked", report.JournalChecked);
            w.WriteBoolean("index_checked", report.IndexChecked);
            w.WriteBoolean("batch_running", report.BatchRunning);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, int> counts)
    {
        w.WriteStartObject(name);
        foreach (var (check, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(check, count);
        }

        w.WriteEndObject();
    }

    private static void WriteIssues(Utf8JsonWriter w, string name, IReadOnlyList<ValidationIssue> issues)
    {
        w.WriteStartArray(name);
        foreach (var issue in issues)
        {
            w.WriteStartObject();
            w.WriteString("file", issue.File);
            w.WriteString("check", issue.Check);
            w.WriteString("message", issue.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
