using System.Globalization;
using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>
/// Writes the Sentinel-1 GRD files of one location: per image geometry (ascending, descending) and polarisation one
/// raster, rendered once in memory and written as a COG with no geotransform and no CRS, only a 21 x 21 grid of GCPs
/// in EPSG:4326 and nodata 0 (like the real products), then copied to every scene that shares it. Scenes of one geometry
/// with different backscatter offsets (<see cref="SyntheticScene.SeasonalS1OffsetDb"/>, the seasonal layouts) get one
/// raster per offset, the ground sampled once per pixel for all of them.
/// </summary>
internal static class GrdRenderer
{
    /// <summary>COG options of the GRD files: uint16, DEFLATE + PREDICTOR=2, 512 blocks, overviews.</summary>
    public static readonly IReadOnlyList<string> CogOptions =
        ["COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=2", "BLOCKSIZE=512", "OVERVIEWS=AUTO", "RESAMPLING=AVERAGE"];

    public static void Write(LocationPlan plan, string worldDirectory, IProgress<string>? progress, CancellationToken ct)
    {
        foreach (var group in (plan.GrdScenes ?? []).GroupBy(s => s.Grd!))
        {
            ct.ThrowIfCancellationRequested();
            var geometry = group.Key;
            var dated = group.GroupBy(s => s.SeasonalS1OffsetDb).ToList();
            List<GdalDataset> rasters = [];
            try
            {
                foreach (var _ in dated)
                {
                    rasters.Add(GdalDataset.Create("MEM", string.Empty, geometry.Width, geometry.Height, 1, GdalDataType.UInt16));
                    rasters.Add(GdalDataset.Create("MEM", string.Empty, geometry.Width, geometry.Height, 1, GdalDataType.UInt16));
                }

                Fill(geometry, [.. dated.Select(d => d.Key)], [.. rasters.Select(r => r.GetBand(1))], ct);
                var options = TranslateOptions(geometry);
                for (var d = 0; d < dated.Count; d++)
                {
                    foreach (var (key, raster) in new[] { ("vv", rasters[2 * d]), ("vh", rasters[(2 * d) + 1]) })
                    {
                        var targets = dated[d].Select(s => s.Assets.Single(a => a.Key == key).RelativePath).ToList();
                        WriteCopies(raster, options, targets, worldDirectory);
                        progress?.Report($"wrote {string.Join(", ", targets)}");
                    }
                }
            }
            finally
            {
                foreach (var raster in rasters)
                {
                    raster.Dispose();
                }
            }
        }
    }

    /// <summary>gdal_translate arguments that attach the GCPs of <paramref name="geometry"/> in EPSG:4326.</summary>
    internal static List<string> GcpOptions(GrdGeometry geometry)
    {
        var inv = CultureInfo.InvariantCulture;
        var options = new List<string> { "-a_srs", "EPSG:4326" };
        foreach (var gcp in geometry.Gcps())
        {
            options.AddRange(["-gcp", gcp.Pixel.ToString("R", inv), gcp.Line.ToString("R", inv), gcp.X.ToString("R", inv), gcp.Y.ToString("R", inv), "0"]);
        }

        return options;
    }

    private static List<string> TranslateOptions(GrdGeometry geometry)
    {
        var options = new List<string> { "-of", "COG", "-a_nodata", "0" };
        options.AddRange(GcpOptions(geometry));
        foreach (var option in CogOptions)
        {
            options.AddRange(["-co", option]);
        }

        return options;
    }

    /// <summary>Fills the bands: for offset d, <paramref name="bands"/>[2d] is VV and [2d + 1] VH.</summary>
    private static void Fill(GrdGeometry geometry, double?[] offsetsDb, GdalBand[] bands, CancellationToken ct)
    {
        const int StripRows = 128;
        var width = geometry.Width;
        var values = bands.Select(_ => new ushort[StripRows * width]).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        for (var row = 0; row < geometry.Height; row += StripRows)
        {
            ct.ThrowIfCancellationRequested();
            var rows = Math.Min(StripRows, geometry.Height - row);
            var first = row;
            Parallel.For(0, rows, parallel, r =>
            {
                for (var c = 0; c < width; c++)
                {
                    var index = (r * width) + c;
                    if (!geometry.IsValidColumn(c))
                    {
                        foreach (var band in values)
                        {
                            band[index] = 0;
                        }

                        continue;
                    }

                    var (lon, lat) = geometry.ToLonLat(c + 0.5, first + r + 0.5);
                    var sample = GroundTruth.Sample(lon, lat);
                    for (var b = 0; b < values.Length; b++)
                    {
                        values[b][index] = GrdSceneTruth.Dn(GroundTruth.DbToLinear(GroundTruth.Backscatter(in sample, b % 2, offsetsDb[b / 2])));
                    }
                }
            });

            for (var b = 0; b < values.Length; b++)
            {
                bands[b].Write<ushort>(0, first, width, rows, values[b].AsSpan(0, rows * width));
            }
        }
    }

    private static void WriteCopies(GdalDataset raster, IReadOnlyList<string> options, IReadOnlyList<string> targets, string worldDirectory)
    {
        string? first = null;
        foreach (var target in targets)
        {
            var path = Path.Combine(worldDirectory, target);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}{CogWriter.PartialMarker}{Guid.NewGuid():N}";
            try
            {
                if (first is null)
                {
                    using var grd = GdalUtilities.Translate(temp, raster, options);
                    grd.Close();
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
