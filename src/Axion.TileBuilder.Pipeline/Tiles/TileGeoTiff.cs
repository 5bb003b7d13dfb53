using System.Globalization;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// A tile as a GeoTIFF for GIS users: the float bands (six by default, more with <c>--bands</c>) as float32 (NaN = no data), in the tile's UTM
/// CRS and geotransform, DEFLATE-compressed, written atomically next to the <c>.npz</c>: into a hidden
/// temporary file, closed with its errors checked (<see cref="GdalDataset.Close"/>), flushed to disk, then
/// renamed over the final name with the folder flushed (<see cref="AtomicRename"/>).
/// </summary>
public static class TileGeoTiff
{
    /// <summary>Writes the GeoTIFF of one tile to <paramref name="path"/>.</summary>
    /// <exception cref="OutputWriteException">GDAL or the file system failed (e.g. a full disk, also when only the close fails); the message names the file. Nothing is left at <paramref name="path"/> or under a temporary name.</exception>
    /// <param name="path">The final path.</param>
    /// <param name="bands">The float32 bands, square.</param>
    /// <param name="names">The band names, in band order.</param>
    /// <param name="record">The tile's record (bounds, EPSG, items).</param>
    /// <param name="tempFolder">Folder of the temporary file, on the file system of <paramref name="path"/>; null: next to <paramref name="path"/>.</param>
    public static void Write(string path, IReadOnlyList<float[]> bands, IReadOnlyList<string> names, TileRecord record, string? tempFolder = null)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(record);
        var size = (int)Math.Sqrt(bands[0].Length);
        var finalPath = Path.GetFullPath(path);
        var temp = AtomicRename.TempPath(finalPath, tempFolder);
        try
        {
            using (var dataset = GdalDataset.Create("GTiff", temp, size, size, bands.Count, GdalDataType.Float32, ["COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256"]))
            {
                dataset.GeoTransform = new GeoTransform(record.Bounds[0], 10, 0, record.Bounds[3], 0, -10);
                using (var srs = SpatialReference.FromEpsg(record.Epsg))
                {
                    dataset.ProjectionWkt = srs.ToWkt();
                }

                dataset.SetMetadataItem("BANDS", string.Join(',', names));
                dataset.SetMetadataItem("S2_ITEM", record.S2ItemId);
                dataset.SetMetadataItem("S1_ITEM", record.S1ItemId);
                dataset.SetMetadataItem("OFFSET_RULE", record.OffsetRule);
                dataset.SetMetadataItem("VALID_FRACTION", record.ValidFraction.ToString("R", CultureInfo.InvariantCulture));
                for (var b = 0; b < bands.Count; b++)
                {
                    var band = dataset.GetBand(b + 1);
                    band.SetNoDataValue(double.NaN);
                    band.Write<float>(0, 0, size, size, bands[b]);
                }

                dataset.Close();
            }

            AtomicRename.FlushFile(temp);
            AtomicRename.Replace(temp, finalPath);
        }
        catch (Exception ex) when (ex is GdalException or IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"Cannot write the GeoTIFF '{finalPath}': {ex.Message}", ex);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
