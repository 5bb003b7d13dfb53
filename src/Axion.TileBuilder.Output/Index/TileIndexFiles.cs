namespace Axion.TileBuilder.Output.Index;

/// <summary>Paths <see cref="TileIndexWriter.Write(string, IEnumerable{TileIndexEntry}, CancellationToken)"/> wrote.</summary>
/// <param name="CsvPath">Absolute path of <c>index.csv</c>.</param>
/// <param name="GeoJsonPath">Absolute path of <c>index.geojson</c>.</param>
/// <param name="ParquetPath">Absolute path of <c>index.parquet</c>.</param>
/// <param name="Count">Number of tiles listed.</param>
public sealed record TileIndexFiles(string CsvPath, string GeoJsonPath, string ParquetPath, long Count);
