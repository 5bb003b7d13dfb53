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
            return new TileMeta(rowId, tileRow, tileCol, width, height, validFraction) { S2Keys = S2Bands(root, file, issues), Timestep = Timestep(root, file, issues) };
        }
    }

    /// <summary>
    /// The keys of <c>meta.s2_bands</c> (null when absent): each entry must name a known band with its own key and native
    /// resolution and a resampling of <c>none</c> (10 m bands only), <c>nearest</c>, <c>bilinear</c> or <c>cubic</c>; no band twice.
    /// </summary>
    private static List<string>? S2Bands(JsonElement root, string file, List<ValidationIssue> issues)
    {
        if (!root.TryGetProperty("s2_bands", out var list))
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            issues.Add(Violation(file, "meta.s2_bands must be a non-empty array"));
            return null;
        }

        var keys = new List<string>();
        foreach (var entry in list.EnumerateArray())
        {
            var name = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("band", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            if (name is null || Bands.SpectralBand.Find(name) is not { } band || band.Name != name)
            {
                issues.Add(Violation(file, $"meta.s2_bands has an entry without a known band name: {entry.GetRawText()}"));
                continue;
            }

            var key = entry.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            var resolution = entry.TryGetProperty("resolution_m", out var res) && res.ValueKind == JsonValueKind.Number && res.TryGetInt32(out var m) ? m : (int?)null;
            var resampling = entry.TryGetProperty("resampling", out var rs) && rs.ValueKind == JsonValueKind.String ? rs.GetString() : null;
            if (key != band.Key || resolution != band.ResolutionM)
            {
                issues.Add(Violation(file, string.Create(CultureInfo.InvariantCulture, $"meta.s2_bands: {band.Name} must have key '{band.Key}' and resolution_m {band.ResolutionM}, got '{key}' and {resolution?.ToString(CultureInfo.InvariantCulture) ?? "none"}")));
            }

            if (resampling is not ("nearest" or "bilinear" or "cubic") && !(resampling == "none" && !band.IsResampled))
            {
                issues.Add(Violation(file, $"meta.s2_bands: {band.Name} has resampling '{resampling}' (none for 10 m bands, nearest, bilinear or cubic)"));
            }

            if (keys.Contains(band.Key))
            {
                issues.Add(Violation(file, $"meta.s2_bands lists {band.Name} twice"));
                continue;
            }

            keys.Add(band.Key);
        }

        return keys;
    }

    /// <summary>
    /// <c>meta.timestep</c> (null when absent: a batch of one timestep). With it, <c>timesteps</c> must be a count above
    /// it, <c>timestep_start</c> and <c>timestep_end</c> the part's first and last day, and <c>s2_datetime</c> within them.
    /// </summary>
    private static int? Timestep(JsonElement root, string file, List<ValidationIssue> issues)
    {
        if (!root.TryGetProperty("timestep", out _))
        {
            return null;
        }

        var timestep = RequiredIndex(root, "timestep", file, issues);
        var count = RequiredIndex(root, "timesteps", file, issues);
        if (timestep is { } k && count is { } n && (n < 2 || k >= n))
        {
            issues.Add(Violation(file, string.Create(CultureInfo.InvariantCulture, $"meta.timestep {k} must be below meta.timesteps {n} (at least 2)")));
        }

        var start = RequiredDate(root, "timestep_start", file, issues);
        var end = RequiredDate(root, "timestep_end", file, issues);
        if (start is { } first && end is { } last)
        {
            if (first > last)
            {
                issues.Add(Violation(file, string.Create(CultureInfo.InvariantCulture, $"meta.timestep_start {first:yyyy-MM-dd} is after meta.timestep_end {last:yyyy-MM-dd}")));
            }
            else if (root.TryGetProperty("s2_datetime", out var dt) && dt.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(dt.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var acquired)
                && !new Selection.DateWindow(first, last).Contains(acquired))
            {
                issues.Add(Violation(file, string.Create(CultureInfo.InvariantCulture, $"meta.s2_datetime {dt.GetString()} is outside the timestep {first:yyyy-MM-dd}..{last:yyyy-MM-dd}")));
            }
        }

        return timestep;
    }

    private static DateOnly? RequiredDate(JsonElement root, string name, string file, List<ValidationIssue> issues)
    {
        if (RequiredString(root, name, file, issues) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        issues.Add(Violation(file, $"meta.{name} '{text}' is not a date (yyyy-MM-dd)"));
        return null;
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
