using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// A full-size Sentinel-2 band that is not cloud-optimized: 10980 x 10980 UInt16 in ONE DEFLATE strip (as a catalog
/// serving a plain GeoTIFF would have it). Written once with GDAL and cached in the temp folder (about 10 s to write).
/// <para>
/// Its first <see cref="NoiseRows"/> rows carry a byte of noise per pixel, which DEFLATE cannot shrink: the file is larger
/// than those <see cref="NoiseRows"/> x <see cref="Size"/> bytes whatever GDAL's block cache was when it was written. (The
/// smooth rest compresses to 1.6 MB when the 241 MB strip fits the cache; with the 32 MB that axion-tiles' GDAL settings
/// give it, the strip is flushed and rewritten as it is filled, and the file was larger. So a fixture without noise was
/// smaller than a header check's evidence needs when no test had set up GDAL's cloud settings first.)
/// </para>
/// </summary>
internal static class StripRaster
{
    public const int Size = 10980;

    /// <summary>Rows of noise at the top of the strip (about 2.2 MB of incompressible bytes).</summary>
    public const int NoiseRows = 200;

    /// <summary>Geotransform: 10 m pixels in EPSG:32631 from (600000, 5800000).</summary>
    public static readonly GeoTransform Transform = new(600000, 10, 0, 5800000, 0, -10);

    private static readonly Lazy<byte[]> Bytes = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The file's bytes.</summary>
    public static byte[] File => Bytes.Value;

    private static byte[] Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "axion-tiles-tests", "strip-10980-deflate-v2.tif");
        if (!System.IO.File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
            using (var dataset = GdalDataset.Create("GTiff", temp, Size, Size, 1, GdalDataType.UInt16, ["TILED=NO", $"BLOCKYSIZE={Size}", "COMPRESS=DEFLATE", "ZLEVEL=1"]))
            {
                dataset.GeoTransform = Transform;
                using (var srs = SpatialReference.FromEpsg(32631))
                {
                    dataset.ProjectionWkt = srs.ToWkt();
                }

                const int rows = 1098;
                var chunk = new ushort[Size * rows];
                var band = dataset.GetBand(1);
                var noise = 0x9E3779B97F4A7C15UL;
                for (var y0 = 0; y0 < Size; y0 += rows)
                {
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var y = y0 + (i / Size);
                        if (y < NoiseRows)
                        {
                            noise ^= noise << 13;
                            noise ^= noise >> 7;
                            noise ^= noise << 17;
                            chunk[i] = (ushort)(1000 + (noise & 0xFF));
                        }
                        else
                        {
                            chunk[i] = (ushort)(1000 + (((i % Size) + y) % 3000));
                        }
                    }

                    band.Write<ushort>(0, y0, Size, rows, chunk);
                }
            }

            System.IO.File.Move(temp, path, overwrite: true);
        }

        return System.IO.File.ReadAllBytes(path);
    }
}
