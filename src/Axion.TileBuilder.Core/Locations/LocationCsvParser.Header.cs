namespace Axion.TileBuilder.Locations;

public static partial class LocationCsvParser
{
    /// <summary>Canonical column for each accepted header name (compared ignoring case).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "id",
        ["lat"] = "lat",
        ["latitude"] = "lat",
        ["lon"] = "lon",
        ["lng"] = "lon",
        ["longitude"] = "lon",
        ["start"] = "start",
        ["end"] = "end",
        ["tiles"] = "tiles",
        ["description"] = "description",
    };

    private static LocationColumns MapHeader(IReadOnlyList<string> rawNames, string sourceName)
    {
        var names = new string[rawNames.Count];
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (var i = 0; i < rawNames.Count; i++)
        {
            var name = rawNames[i].Trim();
            if (i == 0)
            {
                name = name.TrimStart('\uFEFF').Trim();
            }

            names[i] = name;
            if (!Aliases.TryGetValue(name, out var canonical))
            {
                ignored.Add(name.Length == 0 ? $"(unnamed column {i + 1})" : name);
                continue;
            }

            if (positions.TryGetValue(canonical, out var earlier))
            {
                throw new LocationCsvException(
                    $"{sourceName} line 1: columns '{names[earlier]}' (column {earlier + 1}) and '{name}' (column {i + 1}) both give field '{canonical}'; keep one.",
                    sourceName,
                    [1]);
            }

            positions[canonical] = i;
        }

        if (positions.Count == 0)
        {
            var joined = string.Join(',', names);
            var hint = names.Length == 1 && (joined.Contains(';', StringComparison.Ordinal) || joined.Contains('\t', StringComparison.Ordinal))
                ? " The separator must be a comma; this line looks separated by ';' or tabs."
                : string.Empty;
            throw new LocationCsvException(
                $"{sourceName} line 1: no header row: the first line must name the columns, e.g. 'id,lat,lon' (found '{Shorten(joined)}').{hint}",
                sourceName,
                [1]);
        }

        RequireColumn(positions, "id", "id", names, sourceName);
        RequireColumn(positions, "lat", "lat or latitude", names, sourceName);
        RequireColumn(positions, "lon", "lon, lng or longitude", names, sourceName);

        return new LocationColumns
        {
            ColumnCount = names.Length,
            Id = positions["id"],
            Latitude = positions["lat"],
            Longitude = positions["lon"],
            Start = positions.GetValueOrDefault("start", LocationColumns.Missing),
            End = positions.GetValueOrDefault("end", LocationColumns.Missing),
            Tiles = positions.GetValueOrDefault("tiles", LocationColumns.Missing),
            Description = positions.GetValueOrDefault("description", LocationColumns.Missing),
            Names = names,
            Ignored = ignored,
        };
    }

    private static void RequireColumn(Dictionary<string, int> positions, string canonical, string accepted, string[] names, string sourceName)
    {
        if (!positions.ContainsKey(canonical))
        {
            throw new LocationCsvException(
                $"{sourceName} line 1: missing required column '{canonical}' (accepted names: {accepted}, any case); the header has: {Shorten(string.Join(", ", names))}.",
                sourceName,
                [1]);
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? string.Concat(text.AsSpan(0, 200), "...") : text;
}
