namespace Axion.TileBuilder.Locations;

/// <summary>A locations CSV read by <see cref="LocationCsvFile.Read(string)"/>.</summary>
/// <param name="Parse">The rows, row errors and warnings.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes (the batch identity's CSV part).</param>
public sealed record LocationCsvRead(LocationParseResult Parse, string Sha256);
