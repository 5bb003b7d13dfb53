namespace Axion.TileBuilder.Locations;

/// <summary>Where each known column sits in a header, and the name the user gave it (for messages).</summary>
internal sealed class LocationColumns
{
    public const int Missing = -1;

    public int ColumnCount { get; init; }

    public int Id { get; init; } = Missing;

    public int Latitude { get; init; } = Missing;

    public int Longitude { get; init; } = Missing;

    public int Start { get; init; } = Missing;

    public int End { get; init; } = Missing;

    public int Tiles { get; init; } = Missing;

    public int Description { get; init; } = Missing;

    /// <summary>Header names exactly as written (trimmed), by column index.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Extra columns that are ignored, as written.</summary>
    public required IReadOnlyList<string> Ignored { get; init; }

    public string NameOf(int index) => Names[index];
}
