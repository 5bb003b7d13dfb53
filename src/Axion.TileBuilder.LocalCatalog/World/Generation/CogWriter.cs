using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>Copies staged rasters to COG files, each written to a temporary name and renamed when complete.</summary>
internal static class CogWriter
{
    /// <summary>Marker in the names of unfinished files (removed before a generation starts).</summary>
    public const string PartialMarker = ".partial-";

    public static readonly IReadOnlyList<string> S2BandOptions =
        ["COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=2", "BLOCKSIZE=1024", "OVERVIEWS=AUTO", "RESAMPLING=AVERAGE"];

    /// <summary>COG options of a 20 m (512-px blocks) or 60 m (256-px blocks) band: as the 10 m bands but for the block size.</summary>
    public static IReadOnlyList<string> S2CoarseBandOptions(int blockSize) =>
        ["COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=2", $"BLOCKSIZE={blockSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "OVERVIEWS=AUTO", "RESAMPLING=AVERAGE"];

    public static readonly IReadOnlyList<string> SclOptions =
        ["COMPRESS=DEFLATE", "LEVEL=1", "BLOCKSIZE=512", "OVERVIEWS=AUTO", "RESAMPLING=NEAREST"];

    public static readonly IReadOnlyList<string> S1Options =
        ["COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=3", "BLOCKSIZE=512", "OVERVIEWS=AUTO", "RESAMPLING=AVERAGE"];

    /// <summary>Writes every target of every staged raster (bounded parallelism), disposing each staged raster when done.</summary>
    public static void WriteAll(IReadOnlyList<StagedRaster> staged, string worldDirectory, IProgress<string>? progress, CancellationToken ct)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        try
        {
            Parallel.ForEach(staged, options, raster =>
            {
                Write(raster, worldDirectory);
                progress?.Report($"wrote {string.Join(", ", raster.Targets)}");
                raster.Dispose();
            });
        }
        finally
        {
            foreach (var raster in staged)
            {
                raster.Dispose();
            }
        }
    }

    private static void Write(StagedRaster raster, string worldDirectory)
    {
        string? first = null;
        foreach (var target in raster.Targets)
        {
            var path = Path.Combine(worldDirectory, target);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}{PartialMarker}{Guid.NewGuid():N}";
            try
            {
                if (first is null)
                {
                    using var cog = raster.Dataset.CreateCopy("COG", temp, raster.CogOptions);
                    cog.Close();
                }
                else
                {
                    File.Copy(first, temp, overwrite: true);
                }

                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }

                throw;
            }

            first = path;
        }
    }
}
