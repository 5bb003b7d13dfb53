using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>Checks a tile's <c>meta</c> JSON string against <c>docs/output-format.md</c>.</summary>
internal static partial class TileMetaParser
{
    /// <summary>Parses <paramref name="json"/>, adding a <see cref="ValidationChecks.Meta"/> violation per problem to <paramref name="issues"/>.</summary>
    public static TileMeta Parse(string json, string file, List<ValidationIssue> issues)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            issues.Add(Violation(file, $"meta is not valid JSON: {ex.Message}"));
            return TileMeta.Unknown;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                issues.Add(Violation(file, $"meta is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object"));
                return TileMeta.Unknown;
            }

            var rowId = RequiredString(root, "row_id", file, issues);
            var tileRow = RequiredIndex(root, "tile_row", file, issues);
            var tileCol = RequiredIndex(root, "tile_col", file, issues);
            var crs = RequiredString(root, "crs", file, issues);
            if (crs is not null && !EpsgCode().IsMatch(crs))
            {
                issues.Add(Violation(file, $"meta.crs is '{crs}', expected 'EPSG:<code>'"));
            }

            CheckGeoTransform(root, file, issues);
            RequiredString(root, "s2_item", file, issues);
            RequiredString(root, "s1_item", file, issues);
            var width = OptionalSize(root, "width", file, issues);
            var height = OptionalSize(root, "height", file, issues);
            double? validFraction = root.TryGetProperty("valid_fraction", out var vf) && vf.ValueKind == JsonValueKind.Number ? vf.GetDouble() : null;
            return new TileMeta(rowId, tileRow, tileCol, width, height, validFraction);
        }
    }

    private static string? RequiredString(JsonElement root, string name, string file, List<ValidationIssue> issues)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            issues.Add(Violation(file, $"meta lacks '{name}'"));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            issues.Add(Violation(file, $"meta.{name} must be a non-empty string, got {Show(value)}"));
            return null;
        }

        return value.GetString();
    }

    private static int? RequiredIndex(JsonElement root, string name, string file, List<ValidationIssue> issues)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            issues.Add(Violation(file, $"meta lacks '{name}'"));
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var index) || index < 0)
        {
            issues.Add(Violation(file, $"meta.{name} must be an integer >= 0, got {Show(value)}"));
            return null;
        }

        return index;
    }

    private static int OptionalSize(JsonElement root, string name, string file, List<ValidationIssue> issues)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return TileMeta.DefaultSize;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var size) || size <= 0)
        {
            issues.Add(Violation(file, $"meta.{name} must be an integer > 0, got {Show(value)}"));
            return TileMeta.DefaultSize;
        }

        return size;
    }

    private static void CheckGeoTransform(JsonElement root, string file, List<ValidationIssue> issues)
    {
        if (!root.TryGetProperty("geotransform", out var gt))
        {
            issues.Add(Violation(file, "meta lacks 'geotransform'"));
            return;
        }

        var ok = gt.ValueKind == JsonValueKind.Array
            && gt.GetArrayLength() == 6
            && gt.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble()));
        if (!ok)
        {
            issues.Add(Violation(file, $"meta.geotransform must be an array of 6 finite numbers, got {Show(gt)}"));
        }
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..57]}...");
    }

    private static ValidationIssue Violation(string file, string message) => new(file, ValidationChecks.Meta, message, IssueSeverity.Violation);

    [GeneratedRegex(@"^EPSG:\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex EpsgCode();
}
