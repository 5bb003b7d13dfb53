using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Output.Index;

/// <summary>
/// Writes the tile index of an output directory in one pass over the entries, one entry in memory at a time
/// (a GeoParquet row group at most): <c>index.csv</c> (<see cref="TileIndexCsvWriter"/>), <c>index.geojson</c>
/// (<see cref="TileIndexGeoJsonWriter"/>) and <c>index.parquet</c> (<see cref="TileIndexParquetWriter"/>). The
/// three are written under temporary names and renamed only after the last entry, so an invalid entry or an
/// error leaves the previous files as they were.
/// </summary>
public static class TileIndexWriter
{
    /// <summary>File name of the CSV index.</summary>
    public const string CsvFileName = "index.csv";

    /// <summary>File name of the GeoJSON index.</summary>
    public const string GeoJsonFileName = "index.geojson";

    /// <summary>File name of the GeoParquet index.</summary>
    public const string ParquetFileName = "index.parquet";

    /// <summary>Writes the three files into <paramref name="outDir"/> (created if missing), replacing earlier ones.</summary>
    /// <param name="outDir">The dataset folder.</param>
    /// <param name="entries">The tiles in file order; enumerated once, lazily.</param>
    /// <param name="cancellationToken">Checked between entries; a cancelled write leaves the earlier files.</param>
    /// <exception cref="ArgumentException">An entry is invalid (names the tile); nothing is replaced.</exception>
    /// <exception cref="OutputWriteException">A file cannot be written.</exception>
    public static TileIndexFiles Write(string outDir, IEnumerable<TileIndexEntry> entries, CancellationToken cancellationToken = default)
        => Write(outDir, entries, TileIndexParquetWriter.RowGroupSize, cancellationToken);

    /// <summary><see cref="Write(string, IEnumerable{TileIndexEntry}, CancellationToken)"/> with <paramref name="rowGroupSize"/> tiles per GeoParquet row group (tests).</summary>
    internal static TileIndexFiles Write(string outDir, IEnumerable<TileIndexEntry> entries, int rowGroupSize, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentNullException.ThrowIfNull(entries);
        var directory = Path.GetFullPath(outDir);
        var temps = AtomicRename.TempFolderOf(directory); // where a killed run's leftovers are looked for
        using var csvFile = AtomicFile.Create(Path.Combine(directory, CsvFileName), temps);
        using var geoJsonFile = AtomicFile.Create(Path.Combine(directory, GeoJsonFileName), temps);
        using var parquetFile = AtomicFile.Create(Path.Combine(directory, ParquetFileName), temps);
        long count = 0;
        using (var csv = new TileIndexCsvWriter(csvFile))
        using (var geoJson = new TileIndexGeoJsonWriter(geoJsonFile))
        using (var parquet = new TileIndexParquetWriter(parquetFile, rowGroupSize))
        {
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TileIndexEntryRules.Check(entry);
                csv.Add(entry);
                geoJson.Add(entry);
                parquet.Add(entry);
                count++;
            }

            csv.Complete();
            geoJson.Complete();
            parquet.Complete();
        }

        csvFile.Commit();
        geoJsonFile.Commit();
        parquetFile.Commit();
        return new TileIndexFiles(csvFile.FinalPath, geoJsonFile.FinalPath, parquetFile.FinalPath, count);
    }
}
