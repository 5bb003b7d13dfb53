namespace Axion.TileBuilder.Locations;

/// <summary>What <see cref="LocationCsvParser.Parse"/> found in a file that was not rejected as a whole.</summary>
/// <param name="SourceName">The file name used in messages.</param>
/// <param name="Rows">Valid rows in file order.</param>
/// <param name="RowErrors">Rows that are unusable, in file order (they become failed <c>bad_input</c> rows).</param>
/// <param name="Warnings">Non-fatal remarks, e.g. one listing the ignored extra columns.</param>
public sealed record LocationParseResult(
    string SourceName,
    IReadOnlyList<LocationRow> Rows,
    IReadOnlyList<LocationRowError> RowErrors,
    IReadOnlyList<string> Warnings);
