using System.Globalization;
using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// A tile as a GeoTIFF for GIS users: the six bands as float32 (NaN = no data), in the tile's UTM
/// CRS and geotransform, DEFLATE-compressed, written atomically next to the <c>.npz</c>.
/// </summary>
public static class TileGeoTiff
{
    public static void Write(string path, IReadOnlyList<float[]> bands, IReadOnlyList<string> names, TileRecord record)
    {
        var size = (int)Math.Sqrt(bands[0].Length);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + ".tmp-" + Guid.NewGuid().ToString("N")[..12]);
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

                dataset.FlushCache();
            }

            File.Move(temp, path, overwrite: true);
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
